package org.opennexus.statefs.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.statefs.DiskOptions;
import org.opennexus.statefs.DiskTool;
import org.opennexus.statefs.LmdbBlockBackend;

/**
 * Kills a writing JVM with SIGKILL at seeded random moments and checks that the disk is then
 * exactly at a flush boundary k >= the last flush the child reported (k is at most one more: the
 * flush may complete before the child prints it). Each kill point is a fresh child continuing the
 * schedule from the verified boundary. Seed: -Dnexus.crash.seed (printed); kill points:
 * -Dnexus.crash.kills (default 50).
 */
class CrashTest {
    private static final long DISK_SIZE = 2L << 20;

    @TempDir
    Path tmp;

    @Test
    void sigkillAtRandomMomentsLeavesTheDiskAtAFlushBoundary() throws Exception {
        long seed = Long.getLong("nexus.crash.seed", System.currentTimeMillis());
        int kills = Integer.getInteger("nexus.crash.kills", 50);
        System.out.println("CrashTest seed " + seed + " (rerun with -Dnexus.crash.seed=" + seed + "), " + kills + " kill points");
        Path disk = tmp.resolve("crash.lmdb");
        LmdbBlockBackend.create(disk, DISK_SIZE, DiskOptions.defaults()).close();
        WriteSchedule schedule = new WriteSchedule(seed, DISK_SIZE);
        DiskStateChecker checker = new DiskStateChecker(schedule);
        SplittableRandom timing = new SplittableRandom(seed);
        int unreported = 0;
        int midEpoch = 0;
        long start = System.nanoTime();
        for (int i = 0; i < kills; i++) {
            int first = checker.epoch() + 1;
            int lastReported = first - 1;
            try (ChildJvm child = ChildJvm.start(CrashWriter.class, tmp, disk.toString(), Long.toString(seed),
                    Integer.toString(first), Integer.toString(first + 1000))) {
                child.await("READY", 60_000);
                List<String> seen = new java.util.ArrayList<>();
                if (timing.nextBoolean()) { // after a seeded number of flushes, plus a seeded sub-ms delay
                    int target = 1 + timing.nextInt(8);
                    int flushes = 0;
                    while (flushes < target) {
                        String l = child.nextLine(30_000);
                        if (l == null || l.equals(ChildJvm.EOF)) {
                            throw new AssertionError("child stopped early; stderr:\n" + child.stderr());
                        }
                        seen.add(l);
                        if (l.startsWith("FLUSHED ")) {
                            flushes++;
                        }
                    }
                    spin(timing.nextLong(3_000_000));
                } else { // a seeded time after attaching
                    spin(timing.nextLong(80_000_000));
                }
                seen.addAll(child.kill());
                for (String l : seen) {
                    if (l.startsWith("FLUSHED ")) {
                        lastReported = Math.max(lastReported, Integer.parseInt(l.substring(8)));
                    }
                }
                assertTrue(seen.stream().noneMatch("DONE"::equals), "child finished before the kill");
            }
            int k;
            try (LmdbBlockBackend d = LmdbBlockBackend.open(disk, DiskOptions.readOnlyDefaults())) {
                // one commit per flush: the generation names the flush, and the data must be exactly its state
                k = checker.verifyAt(d::read, lastReported, lastReported + 1, d.metadata().generation());
            }
            if (k > lastReported) {
                unreported++;
            }
            if (k == first - 1) {
                midEpoch++;
            }
            DiskTool.CheckReport r = DiskTool.check(disk);
            assertTrue(r.ok(), r.format());
        }
        System.out.printf("CrashTest: %d kills in %.1f s, %d flushes verified, %d kills after a flush the child had not"
                        + " reported, %d before the child's first flush%n", kills, (System.nanoTime() - start) / 1e9,
                checker.epoch(), unreported, midEpoch);
        assertTrue(checker.epoch() > kills / 2, "the children made progress");
    }

    private static void spin(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        if (nanos > 2_000_000) {
            Thread.sleep((nanos - 1_000_000) / 1_000_000);
        }
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
