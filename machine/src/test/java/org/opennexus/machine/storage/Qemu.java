package org.opennexus.machine.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * qemu-system-riscv64 (the reference) booting a bare-metal guest with one raw virtio-blk drive:
 * {@code -machine virt -bios none -drive file=RAW,format=raw,if=none,id=d0 -device virtio-blk-device,drive=d0}.
 * QEMU 7.2 makes virtio-mmio devices legacy (version 1) unless {@code virtio-mmio.force-legacy=false}.
 */
final class Qemu {
    /** The drive's serial number, which QEMU returns for VIRTIO_BLK_T_GET_ID. */
    static final String SERIAL = "qemu-ref-serial";

    private Qemu() { }

    static List<String> command(Path elf, Path raw, boolean readOnly) {
        List<String> cmd = new ArrayList<>(List.of("qemu-system-riscv64", "-machine", "virt", "-bios", "none",
                "-nographic", "-monitor", "none", "-serial", "stdio", "-global", "virtio-mmio.force-legacy=false",
                "-kernel", elf.toString(),
                "-drive", "file=" + raw + ",format=raw,if=none,id=d0" + (readOnly ? ",readonly=on" : ""),
                "-device", "virtio-blk-device,drive=d0,serial=" + SERIAL));
        return cmd;
    }

    /** Runs to power-off; returns the UART output. Fails on a nonzero exit or after the timeout. */
    static String run(Path elf, Path raw, boolean readOnly, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(raw.toAbsolutePath().getParent(), "qemu-", ".log");
        Process p;
        try {
            p = new ProcessBuilder(command(elf, raw, readOnly)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("qemu-system-riscv64 is needed for this test (the reference): " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (!done) {
            throw new AssertionError("qemu-system-riscv64 timed out after " + timeoutSeconds + " s:\n" + text);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("qemu-system-riscv64 exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
