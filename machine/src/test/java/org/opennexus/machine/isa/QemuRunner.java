package org.opennexus.machine.isa;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a guest on {@code qemu-system-riscv64 -machine virt -bios none -nographic -m 128M}: the
 * reference the corpus and the differential test are validated against. The test finisher makes
 * QEMU exit with status 0 for PASS and {@code n} for {@code (n << 16) | 0x3333}.
 */
public final class QemuRunner implements GuestRunner {
    public static final String QEMU = "qemu-system-riscv64";

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public GuestOutcome run(Path elf, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = List.of(QEMU, "-machine", "virt", "-bios", "none", "-nographic", "-m", "128M",
                "-kernel", elf.toString());
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread pump = Thread.ofPlatform().daemon().start(() -> copy(p.getInputStream(), out));
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor();
        }
        pump.join(5_000);
        String uart;
        synchronized (out) {
            uart = out.toString(StandardCharsets.ISO_8859_1);
        }
        return done ? new GuestOutcome(p.exitValue(), "exit", uart)
                : new GuestOutcome(GuestOutcome.EXIT_TIMEOUT, "timeout", uart);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
