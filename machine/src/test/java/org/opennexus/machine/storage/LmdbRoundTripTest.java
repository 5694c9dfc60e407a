package org.opennexus.machine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.DriveConfig;
import org.opennexus.statefs.DiskCommand;
import org.opennexus.statefs.DiskOptions;
import org.opennexus.statefs.DiskTool;
import org.opennexus.statefs.LmdbBlockBackend;

/**
 * RAW -> {@code nexus disk import} -> roundtrip.elf on nexus with the LMDB drive -> {@code nexus disk
 * export} gives RAW back byte for byte, and the guest's checksum of the whole disk equals the one
 * computed here from RAW and the one roundtrip.elf prints on qemu-system-riscv64 booting the
 * exported image. GET_ID returns the LMDB disk's id on nexus and the drive serial on QEMU. The image has random 4 KiB blocks, all-zero blocks (stored sparsely), blocks that
 * are zero but for one byte, and a size that is not a multiple of 4096 (a partial last block).
 */
class LmdbRoundTripTest {
    private static final int SIZE = (3 << 20) + 3 * 512;
    private static final Pattern SUM = Pattern.compile("ROUNDTRIP sectors=(\\d+) sum=([0-9a-f]{16})");

    @TempDir
    Path tmp;

    @Test
    void importBootExportIsByteIdenticalAndMatchesQemu() throws Exception {
        byte[] image = image(new SplittableRandom(20261124));
        Path raw = tmp.resolve("disk.raw");
        Files.write(raw, image);
        Path disk = tmp.resolve("disk.lmdb");
        assertEquals(0, DiskCommand.execute("import", raw.toString(), disk.toString()));
        long generation = DiskTool.info(disk).generation();

        String nexusOut = InProcess.boot(GuestImages.elf("roundtrip"), new DriveConfig(disk, DriveConfig.Format.LMDB, false),
                Duration.ofSeconds(120));
        String nexusSum = sum(nexusOut, SIZE / 512);
        assertEquals(String.format("%016x", fnv1aWords(image)), nexusSum, "guest checksum on nexus vs the raw image");
        assertEquals(generation, DiskTool.info(disk).generation(), "a guest that only reads commits nothing");
        try (LmdbBlockBackend d = LmdbBlockBackend.open(disk, DiskOptions.readOnlyDefaults())) {
            assertTrue(nexusOut.contains("\nID " + d.id() + "\n"), "GET_ID on nexus: " + nexusOut);
        }

        Path exported = tmp.resolve("exported.raw");
        assertEquals(0, DiskCommand.execute("export", disk.toString(), exported.toString()));
        assertArrayEquals(image, Files.readAllBytes(exported), "export differs from the imported image");

        String qemuOut = Qemu.run(GuestImages.elf("roundtrip"), exported, true, 120);
        assertEquals(nexusSum, sum(qemuOut, SIZE / 512), "roundtrip.elf checksum on QEMU vs nexus");
        assertTrue(qemuOut.contains("\nID " + Qemu.SERIAL + "\n"), "GET_ID on QEMU: " + qemuOut);
    }

    private static byte[] image(SplittableRandom r) {
        byte[] b = new byte[SIZE];
        for (int off = 0; off < SIZE; off += 4096) {
            int len = Math.min(4096, SIZE - off);
            switch (r.nextInt(4)) {
                case 0 -> { } // all zero: not stored by the LMDB disk
                case 1 -> b[off + r.nextInt(len)] = (byte) (1 + r.nextInt(255)); // zero but for one byte
                default -> {
                    byte[] blk = new byte[len];
                    r.nextBytes(blk);
                    System.arraycopy(blk, 0, b, off, len);
                }
            }
        }
        Arrays.fill(b, SIZE - 512, SIZE, (byte) 0x5a); // the partial last 4 KiB block is not zero
        return b;
    }

    /** roundtrip.c's checksum: FNV-1a over little-endian 64-bit words, h = (h ^ w) * 0x100000001b3. */
    static long fnv1aWords(byte[] image) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        long h = 0xcbf29ce484222325L;
        while (b.remaining() >= 8) {
            h = (h ^ b.getLong()) * 0x100000001b3L;
        }
        return h;
    }

    private static String sum(String out, long sectors) {
        Matcher m = SUM.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no ROUNDTRIP line in:\n" + out);
        }
        assertEquals(sectors, Long.parseLong(m.group(1)), "capacity seen by the guest");
        return m.group(2);
    }
}
