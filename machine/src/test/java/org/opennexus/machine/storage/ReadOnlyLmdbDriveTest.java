package org.opennexus.machine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.opennexus.statefs.DiskTool;

/**
 * A read-only LMDB drive: the device offers VIRTIO_BLK_F_RO, the guest's OUT completes with
 * VIRTIO_BLK_S_IOERR (virtio 1.2 section 5.2.6.2: a device that offers VIRTIO_BLK_F_RO fails
 * write requests with IOERR and writes nothing), FLUSH succeeds, the data reads back unchanged, and data.mdb is byte-identical afterwards. QEMU with a
 * read-only raw drive prints the same lines for the same image.
 */
class ReadOnlyLmdbDriveTest {
    private static final Pattern BEFORE_AFTER = Pattern.compile("BEFORE ([0-9a-f]{16}) AFTER ([0-9a-f]{16})");

    @TempDir
    Path tmp;

    @Test
    void guestWritesGetIoerrAndTheDiskIsUntouched() throws Exception {
        byte[] image = new byte[1 << 20];
        new SplittableRandom(7).nextBytes(image);
        Path raw = tmp.resolve("base.raw");
        Files.write(raw, image);
        Path disk = tmp.resolve("base.lmdb");
        DiskTool.importRaw(raw, disk);
        byte[] dataBefore = Files.readAllBytes(disk.resolve("data.mdb"));
        long generation = DiskTool.info(disk).generation();

        String out = InProcess.boot(GuestImages.elf("rowrite"), new DriveConfig(disk, DriveConfig.Format.LMDB, true),
                Duration.ofSeconds(60));
        assertTrue(out.contains("RO 1\n"), out);
        assertTrue(out.contains("OUT status=1 FLUSH status=0\n"), out);
        String expected = String.format("%016x", LmdbRoundTripTest.fnv1aWords(Arrays.copyOf(image, 4096)));
        Matcher m = BEFORE_AFTER.matcher(out);
        assertTrue(m.find(), out);
        assertEquals(expected, m.group(1), "first 4 KiB read by the guest");
        assertEquals(expected, m.group(2), "first 4 KiB after the refused write");

        assertArrayEquals(dataBefore, Files.readAllBytes(disk.resolve("data.mdb")), "data.mdb changed");
        assertEquals(generation, DiskTool.info(disk).generation());
        Path exported = tmp.resolve("after.raw");
        DiskTool.exportRaw(disk, exported);
        assertArrayEquals(image, Files.readAllBytes(exported));

        String qemu = Qemu.run(GuestImages.elf("rowrite"), raw, true, 60);
        assertEquals(lines(qemu), lines(out), "same output as QEMU with a read-only raw drive");
    }

    private static String lines(String out) {
        return out.lines().filter(l -> l.startsWith("RO ") || l.startsWith("OUT ") || l.startsWith("BEFORE "))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
