package org.opennexus.machine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The virtio-blk guest programs built by {@code make} from bench/guest-io into
 * {@code ${nexus.build.dir}/guest/io}, and patching of their run parameters (a bare-metal guest has
 * no command line: each program keeps 8 magic bytes followed by little-endian 64-bit values in .data,
 * see bench/guest-io/params.h).
 */
final class GuestImages {
    /** crashwriter.elf: seed, first epoch, last epoch (0 = run forever). */
    static final String CRASH_MAGIC = "NXCRASH!";
    /** iobench.elf: region bytes, random ops, flush ops, LCG seed. */
    static final String IOBENCH_MAGIC = "NXIOBEN!";

    private GuestImages() { }

    static Path elf(String name) {
        String dir = System.getProperty("nexus.build.dir");
        Path p = dir == null ? null : Path.of(dir, "guest", "io", name + ".elf");
        if (p == null || !Files.isRegularFile(p)) {
            throw new AssertionError("guest program " + name + ".elf not found under ${nexus.build.dir}/guest/io ("
                    + p + "): run make first (make -C bench/guest-io BUILD=<build dir> all)");
        }
        return p;
    }

    /** Writes a copy of {@code elf} to {@code out} with the values after {@code magic} replaced. */
    static Path patched(Path elf, String magic, Path out, long... values) throws IOException {
        byte[] image = Files.readAllBytes(elf);
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(image, m);
        if (at < 0 || indexOf(image, m, at + 1) >= 0) {
            throw new IOException("parameter block " + magic + " not found exactly once in " + elf);
        }
        ByteBuffer b = ByteBuffer.wrap(image, at + m.length, 8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        Files.write(out, image);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
