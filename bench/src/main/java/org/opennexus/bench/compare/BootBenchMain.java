package org.opennexus.bench.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Boot-to-prompt wall time: Debian's OpenSBI fw_jump.bin + U-Boot (qemu-riscv64_smode) until
 * U-Boot prints its "=>" prompt, on nexus (both engines) and on qemu-system-riscv64, best of N,
 * measured from process start (so nexus's JVM start-up is included). Writes boot.json.
 *
 * <p>Usage: {@code BootBenchMain <nexus-launcher> <results-dir> <repeats>}
 */
public final class BootBenchMain {
    static final Path OPENSBI = Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin");
    static final Path UBOOT = Path.of("/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin");
    static final String PROMPT = "=>";

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BootBenchMain <nexus-launcher> <results-dir> <repeats>");
            System.exit(2);
        }
        for (Path p : List.of(OPENSBI, UBOOT)) {
            if (!Files.isRegularFile(p)) {
                System.err.println(p + " is missing (Debian packages opensbi and u-boot-qemu; make runs scripts/setup.sh)");
                System.exit(2);
            }
        }
        String nexus = args[0];
        Path results = Path.of(args[1]);
        int repeats = Integer.parseInt(args[2]);
        List<String> qemu = List.of("qemu-system-riscv64", "-machine", "virt", "-nographic", "-monitor", "none",
                "-serial", "stdio", "-bios", OPENSBI.toString(), "-kernel", UBOOT.toString());
        List<String[]> rows = new ArrayList<>();
        double qemuBest = best(qemu, repeats);
        rows.add(new String[] {"qemu", fmt(qemuBest), "1.000"});
        for (String engine : List.of("jit", "interp")) {
            List<String> cmd = List.of(nexus, "run", "--engine", engine, "--timeout", "300s",
                    "--bios", OPENSBI.toString(), "--kernel", UBOOT.toString());
            double t = best(cmd, repeats);
            rows.add(new String[] {"nexus-" + engine, fmt(t), String.format(Locale.ROOT, "%.3f", qemuBest / t)});
        }
        StringBuilder json = new StringBuilder("{\n  \"boot\": \"OpenSBI fw_jump + U-Boot smode to the prompt\",\n  \"runs\": {");
        System.out.printf("%-14s %14s %22s%n", "emulator", "boot-to-prompt", "speed vs qemu (higher=faster)");
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            System.out.printf("%-14s %12s s %22s%n", r[0], r[1], r[2]);
            json.append(i == 0 ? "" : ",").append(String.format("\n    \"%s\": {\"seconds\": %s, \"qemu_over_this\": %s}", r[0], r[1], r[2]));
        }
        Files.createDirectories(results);
        Files.writeString(results.resolve("boot.json"), json.append("\n  }\n}\n").toString());
        System.out.println("written: " + results.resolve("boot.json"));
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static double best(List<String> command, int repeats) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            best = Math.min(best, timeToPrompt(command));
        }
        return best;
    }

    /** Seconds from process start until PROMPT appears on its stdout; then the process is killed. */
    static double timeToPrompt(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            long deadline = start + 300_000_000_000L;
            while (System.nanoTime() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException(String.join(" ", command) + " ended before its prompt:\n" + seen);
                }
                seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (seen.indexOf(PROMPT) >= 0) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            throw new IOException("no prompt within 300 s from " + String.join(" ", command));
        } finally {
            p.toHandle().destroyForcibly();
            p.waitFor();
        }
    }
}
