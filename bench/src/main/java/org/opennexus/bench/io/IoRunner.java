package org.opennexus.bench.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opennexus.statefs.DiskTool;

/** Boots iobench.elf on one emulator/disk combination with a fresh disk and parses its report. */
public final class IoRunner {
    private static final long DISK_BYTES = 64L << 20;

    public enum Setup {
        NEXUS_LMDB("nexus lmdb"), NEXUS_RAW("nexus raw"), QEMU_RAW("qemu raw");

        public final String label;

        Setup(String label) {
            this.label = label;
        }
    }

    private final Path elf;
    private final Path nexus;
    private final Path work;

    public IoRunner(Path elf, Path nexusLauncher, Path work) {
        this.elf = elf;
        this.nexus = nexusLauncher;
        this.work = work;
    }

    public IoResult run(Setup setup, int repeat) throws IOException, InterruptedException {
        Path disk = work.resolve(setup.name().toLowerCase() + "-" + repeat + (setup == Setup.NEXUS_LMDB ? ".lmdb" : ".raw"));
        List<String> cmd = new ArrayList<>();
        if (setup == Setup.NEXUS_LMDB) {
            DiskTool.create(disk, DISK_BYTES);
        } else {
            try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
                f.setLength(DISK_BYTES);
            }
        }
        if (setup == Setup.QEMU_RAW) {
            // QEMU 7.2's virtio-mmio is legacy (version 1) unless force-legacy=false; iobench needs version 2.
            cmd.addAll(List.of("qemu-system-riscv64", "-machine", "virt", "-bios", "none", "-m", "128M", "-nographic",
                    "-monitor", "none", "-serial", "stdio", "-global", "virtio-mmio.force-legacy=false",
                    "-kernel", elf.toString(), "-drive", "file=" + disk + ",format=raw,if=none,id=d0",
                    "-device", "virtio-blk-device,drive=d0"));
        } else {
            cmd.addAll(List.of(nexus.toString(), "run", "--bios", "none", "-m", "128M", "--timeout", "600s",
                    "--kernel", elf.toString(), "--drive", disk + (setup == Setup.NEXUS_LMDB ? ",format=lmdb" : ",format=raw")));
        }
        Path log = work.resolve(setup.name().toLowerCase() + "-" + repeat + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(660, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new IOException(setup.label + " timed out");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !out.contains("IOBENCH done")) {
            throw new IOException(setup.label + " failed (exit " + p.exitValue() + "):\n" + out);
        }
        return IoResult.parse(setup.label, out);
    }
}
