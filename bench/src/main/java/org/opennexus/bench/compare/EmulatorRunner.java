package org.opennexus.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a bare-metal workload ELF on one emulator as a subprocess and parses its result line. */
public final class EmulatorRunner {
    private final String label;
    private final List<String> commandPrefix;

    private EmulatorRunner(String label, List<String> commandPrefix) {
        this.label = label;
        this.commandPrefix = commandPrefix;
    }

    /** qemu-system-riscv64 -machine virt -bios none: the reference. */
    public static EmulatorRunner qemu() {
        return new EmulatorRunner("qemu", List.of("qemu-system-riscv64", "-machine", "virt", "-bios", "none",
                "-nographic", "-monitor", "none", "-serial", "stdio", "-kernel"));
    }

    /** nexus through its launcher, with the given engine. */
    public static EmulatorRunner nexus(Path launcher, String engine) {
        return new EmulatorRunner("nexus-" + engine, List.of(launcher.toString(), "run", "--bios", "none",
                "--engine", engine, "--timeout", "600s", "--kernel"));
    }

    public String label() {
        return label;
    }

    public WorkloadResult run(Path elf) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(commandPrefix);
        command.add(elf.toString());
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(660, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(label + " timed out on " + elf);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String text = new String(out, StandardCharsets.UTF_8);
        WorkloadResult r = WorkloadResult.parse(label, text, wall);
        if (p.exitValue() != 0 || r == null) {
            throw new IOException(label + " failed on " + elf.getFileName() + " (exit " + p.exitValue() + "):\n" + text);
        }
        return r;
    }
}
