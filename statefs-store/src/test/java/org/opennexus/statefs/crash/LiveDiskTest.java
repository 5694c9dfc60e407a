package org.opennexus.statefs.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.statefs.DiskInUseException;
import org.opennexus.statefs.DiskOptions;
import org.opennexus.statefs.DiskTool;
import org.opennexus.statefs.LmdbBlockBackend;

/** A disk attached by another process: the in-use lock, and the tools that must work meanwhile. */
class LiveDiskTest {
    private static final long SIZE = 1L << 20;
    private static final long SEED = 424242;

    @TempDir
    Path tmp;

    /** Reads lines until "FLUSHED n" with n >= atLeast; returns n. */
    private static int awaitFlush(ChildJvm child, int atLeast) throws InterruptedException {
        while (true) {
            String l = child.nextLine(30_000);
            if (l == null || l.equals(ChildJvm.EOF)) {
                throw new AssertionError("child stopped; stderr:\n" + child.stderr());
            }
            if (l.startsWith("FLUSHED ")) {
                int n = Integer.parseInt(l.substring(8));
                if (n >= atLeast) {
                    return n;
                }
            }
        }
    }

    /** Discards the lines already queued, then waits for the next FLUSHED line. */
    private static int awaitFlushPrintedFromNowOn(ChildJvm child) throws InterruptedException {
        for (String l; (l = child.nextLine(0)) != null; ) {
            if (l.equals(ChildJvm.EOF)) {
                throw new AssertionError("child stopped; stderr:\n" + child.stderr());
            }
        }
        return awaitFlush(child, 0);
    }

    @Test
    void toolsWorkAndAttachingFailsWhileAnotherProcessWrites() throws Exception {
        Path disk = tmp.resolve("live.lmdb");
        LmdbBlockBackend.create(disk, SIZE, DiskOptions.defaults()).close();
        WriteSchedule schedule = new WriteSchedule(SEED, SIZE);
        try (ChildJvm child = ChildJvm.start(CrashWriter.class, tmp, disk.toString(), Long.toString(SEED), "1", "1000000")) {
            child.await("READY", 60_000);
            int before = awaitFlush(child, 3);

            DiskInUseException rw = assertThrows(DiskInUseException.class, () -> LmdbBlockBackend.open(disk));
            assertTrue(rw.getMessage().contains("disk is in use by another nexus"), rw.getMessage());
            assertTrue(rw.getMessage().contains("pid " + childPid(child)), rw.getMessage());
            assertThrows(DiskInUseException.class, () -> LmdbBlockBackend.open(disk, DiskOptions.readOnlyDefaults()));

            Path snap = tmp.resolve("snap.lmdb");
            DiskTool.DiskInfo info = DiskTool.snapshot(disk, snap);
            // Upper bound: a flush the child reports after the snapshot returned. Lines still queued
            // were printed earlier, so skip them first; then the next line is at least the last
            // flush the snapshot can contain (the child prints right after each flush).
            int after = awaitFlushPrintedFromNowOn(child);
            assertTrue(info.generation() >= before && info.generation() <= after, info.format());
            DiskStateChecker checker = new DiskStateChecker(schedule);
            try (LmdbBlockBackend s = LmdbBlockBackend.open(snap)) { // the copy is an independent disk
                checker.verifyAt(s::read, before, after, s.metadata().generation());
            }
            assertTrue(DiskTool.check(snap).ok());
            assertTrue(DiskTool.check(disk).ok(), "check works on a live disk");
            assertTrue(DiskTool.info(disk).generation() >= before);
            assertNotEquals(0, DiskTool.exportRaw(disk, tmp.resolve("live.raw")));
            child.kill();
        }
        // The kernel dropped the dead child's lock: the disk can be attached again.
        try (LmdbBlockBackend d = LmdbBlockBackend.open(disk)) {
            assertTrue(d.metadata().generation() >= 3);
        }
    }

    @Test
    void aChildCannotAttachADiskThisProcessHolds() throws Exception {
        Path disk = tmp.resolve("held.lmdb");
        try (LmdbBlockBackend d = LmdbBlockBackend.create(disk, SIZE, DiskOptions.defaults());
             ChildJvm child = ChildJvm.start(CrashWriter.class, tmp, disk.toString(), "1", "1", "5")) {
            child.waitForExit(60_000);
            assertNotEquals(0, child.exitValue());
            assertTrue(child.stderr().contains("disk is in use by another nexus (pid " + ProcessHandle.current().pid()),
                    child.stderr());
            assertEquals(0, d.metadata().generation(), "the holder's disk is untouched");
        }
    }

    @Test
    void snapshotsTakenWhileAnotherThreadWritesAreFlushBoundaries() throws Exception {
        Path disk = tmp.resolve("threads.lmdb");
        WriteSchedule schedule = new WriteSchedule(SEED + 1, SIZE);
        java.util.concurrent.atomic.AtomicInteger flushed = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (LmdbBlockBackend d = LmdbBlockBackend.create(disk, SIZE, DiskOptions.defaults())) {
            Thread writer = Thread.ofPlatform().start(() -> {
                java.lang.foreign.MemorySegment buf = java.lang.foreign.MemorySegment.ofArray(new byte[64 * 512]);
                try {
                    for (int e = 1; !stop.get(); e++) {
                        for (WriteSchedule.Extent x : schedule.epoch(e)) {
                            var data = buf.asSlice(0, x.sectors() * 512L);
                            schedule.fill(x, data);
                            d.write(x.firstSector() * 512, data);
                        }
                        d.flush();
                        flushed.set(e);
                    }
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
            try {
                for (int i = 0; i < 5; i++) {
                    while (flushed.get() < 2 * (i + 1)) {
                        assertTrue(writer.isAlive(), "the writer thread died");
                        Thread.sleep(1);
                    }
                    int before = flushed.get();
                    Path snap = tmp.resolve("snap" + i + ".lmdb");
                    DiskTool.snapshot(disk, snap);
                    int after = flushed.get();
                    try (LmdbBlockBackend s = LmdbBlockBackend.open(snap, DiskOptions.readOnlyDefaults())) {
                        new DiskStateChecker(schedule).verifyAt(s::read, before, after + 1, s.metadata().generation());
                    }
                }
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }

    private static long childPid(ChildJvm child) {
        return child.pid();
    }
}
