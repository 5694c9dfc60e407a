package org.opennexus.machine.storage;

import org.opennexus.statefs.crash.DiskImage;
import org.opennexus.statefs.crash.DiskStateChecker;
import org.opennexus.statefs.crash.WriteSchedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.DriveConfig;
import org.opennexus.statefs.DiskOptions;
import org.opennexus.statefs.DiskTool;
import org.opennexus.statefs.LmdbBlockBackend;

/**
 * crashwriter.elf run to completion (no crash) writes exactly what the Java WriteSchedule describes:
 * on qemu-system-riscv64 with a raw drive (the reference) and on nexus with an LMDB drive, whose
 * export is byte-identical to QEMU's image. This pins the guest's C port of the schedule and the
 * driver before the crash test relies on them.
 */
class CrashWriterScheduleTest {
    private static final long SIZE = 2L << 20;
    private static final int EPOCHS = 30;

    @TempDir
    Path tmp;

    @Test
    void crashwriterOnQemuRawAndNexusLmdbEndsAtTheLastFlush() throws Exception {
        long seed = 0x5eed_1234_abcdL;
        Path elf = GuestImages.patched(GuestImages.elf("crashwriter"), GuestImages.CRASH_MAGIC, tmp.resolve("cw.elf"),
                seed, 1, EPOCHS);

        Path qemuRaw = tmp.resolve("qemu.raw");
        try (RandomAccessFile f = new RandomAccessFile(qemuRaw.toFile(), "rw")) {
            f.setLength(SIZE);
        }
        String qemuOut = Qemu.run(elf, qemuRaw, false, 60);
        assertTrue(qemuOut.contains("FLUSHED " + EPOCHS + "\nDONE"), qemuOut);
        byte[] qemuImage = Files.readAllBytes(qemuRaw);
        DiskStateChecker onQemu = new DiskStateChecker(new WriteSchedule(seed, SIZE));
        assertEquals(EPOCHS, onQemu.verify(rawImage(qemuImage), EPOCHS, EPOCHS));

        Path disk = tmp.resolve("nexus.lmdb");
        DiskTool.create(disk, SIZE);
        String out = InProcess.boot(elf, new DriveConfig(disk, DriveConfig.Format.LMDB, false), Duration.ofSeconds(60));
        assertTrue(out.contains("FLUSHED " + EPOCHS + "\nDONE"), out);
        try (LmdbBlockBackend d = LmdbBlockBackend.open(disk, DiskOptions.readOnlyDefaults())) {
            DiskStateChecker onNexus = new DiskStateChecker(new WriteSchedule(seed, SIZE));
            assertEquals(EPOCHS, onNexus.verify(d::read, EPOCHS, EPOCHS));
            assertEquals(EPOCHS, d.metadata().generation(), "one LMDB commit per guest FLUSH");
        }
        Path exported = tmp.resolve("nexus.raw");
        DiskTool.exportRaw(disk, exported);
        assertArrayEquals(qemuImage, Files.readAllBytes(exported), "nexus LMDB disk differs from QEMU's raw image");
    }

    static DiskImage rawImage(byte[] image) {
        return (offset, dst) -> MemorySegment.copy(MemorySegment.ofArray(image), offset, dst, 0, dst.byteSize());
    }
}
