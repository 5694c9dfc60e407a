package org.opennexus.machine.storage;

import org.opennexus.statefs.crash.DiskStateChecker;
import org.opennexus.statefs.crash.WriteSchedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.statefs.DiskOptions;
import org.opennexus.statefs.DiskTool;
import org.opennexus.statefs.LmdbBlockBackend;

/**
 * The statefs crash test with the writer inside the machine: crashwriter.elf runs on a nexus JVM
 * with an LMDB drive, and the JVM is killed with SIGKILL at seeded moments (after a seeded number
 * of "FLUSHED n" lines plus a sub-3 ms delay, or a seeded 0-80 ms after the guest started). The disk
 * must then be exactly at flush k (WriteSchedule state), k in [last reported n, n + 1]: the UART is
 * synchronous, so "FLUSHED n+1" reaches the pipe before the guest writes any of epoch n+2. Each
 * boot continues the schedule from the verified boundary (the ELF's first-epoch parameter).
 *
 * <p>A boot costs one JVM start (about 1 s on an idle 2-core machine), so the run stops at
 * {@code nexus.guestcrash.kills} (50) kill points or when {@code nexus.guestcrash.budget} seconds
 * (90) have passed, but never below 20 kill points. Seed: {@code -Dnexus.guestcrash.seed} (printed).
 *
 * <p>Control experiment: {@code -Dnexus.guestcrash.format=raw} runs the same kills on a raw drive,
 * whose writes reach the file before the guest flushes; that run fails within a few kills (a kill
 * in the middle of an epoch leaves part of it on the disk), showing the check can fail.
 */
class GuestCrashTest {
    private static final long DISK_SIZE = 2L << 20;
    private static final int MIN_KILLS = 20;

    @TempDir
    Path tmp;

    @Test
    void sigkillOfTheMachineLeavesTheGuestsDiskAtAFlushBoundary() throws Exception {
        long seed = Long.getLong("nexus.guestcrash.seed", System.currentTimeMillis());
        int maxKills = Integer.getInteger("nexus.guestcrash.kills", 50);
        long budget = Long.getLong("nexus.guestcrash.budget", 90) * 1_000_000_000L;
        System.out.println("GuestCrashTest seed " + seed + " (rerun with -Dnexus.guestcrash.seed=" + seed + ")");
        Path crashwriter = GuestImages.elf("crashwriter");
        boolean raw = "raw".equals(System.getProperty("nexus.guestcrash.format", "lmdb"));
        Path disk = tmp.resolve(raw ? "guest.raw" : "guest.lmdb");
        if (raw) {
            try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
                f.setLength(DISK_SIZE);
            }
        } else {
            DiskTool.create(disk, DISK_SIZE);
        }
        WriteSchedule schedule = new WriteSchedule(seed, DISK_SIZE);
        DiskStateChecker checker = new DiskStateChecker(schedule);
        SplittableRandom timing = new SplittableRandom(seed ^ 0x6b696c6cL);
        String classPath = NexusProcess.snapshotClassPath(tmp.resolve("classpath"));
        int kills = 0;
        int unreported = 0;
        int beforeFirstFlush = 0;
        long start = System.nanoTime();
        while (kills < maxKills && (kills < MIN_KILLS || System.nanoTime() - start < budget)) {
            int first = checker.epoch() + 1;
            int lastReported = first - 1;
            Path elf = GuestImages.patched(crashwriter, GuestImages.CRASH_MAGIC, tmp.resolve("cw.elf"), seed, first, 0);
            List<String> seen = new ArrayList<>();
            try (NexusProcess nexus = NexusProcess.run(tmp, classPath, "--bios", "none", "-m", "32M", "--kernel", elf.toString(),
                    "--drive", disk + (raw ? ",format=raw" : ",format=lmdb"), "--timeout", "120s")) {
                awaitPrefix(nexus, "CRASHWRITER ", seen);
                if (timing.nextBoolean()) {
                    int target = 1 + timing.nextInt(8);
                    int flushes = 0;
                    while (flushes < target) {
                        String l = line(nexus, seen);
                        if (l.startsWith("FLUSHED ")) {
                            flushes++;
                        }
                    }
                    spin(timing.nextLong(3_000_000));
                } else {
                    spin(timing.nextLong(80_000_000));
                }
                seen.addAll(nexus.kill());
            }
            for (String l : seen) {
                assertTrue(!l.startsWith("FAIL") && !l.equals("DONE"), "guest: " + l);
                // a SIGKILL can cut the last line short ("FLUSHED " or a prefix of the number): a
                // shorter number only lowers the bound the checker uses, so it stays sound
                if (l.matches("FLUSHED \\d+")) {
                    lastReported = Math.max(lastReported, Integer.parseInt(l.substring(8)));
                }
            }
            if (raw) {
                byte[] image = Files.readAllBytes(disk);
                checker.verify(CrashWriterScheduleTest.rawImage(image), lastReported, lastReported + 1);
                kills++;
                continue;
            }
            int k;
            try (LmdbBlockBackend d = LmdbBlockBackend.open(disk, DiskOptions.readOnlyDefaults())) {
                // one LMDB commit per guest FLUSH: the generation names the flush, the data must be its state
                k = checker.verifyAt(d::read, lastReported, lastReported + 1, d.metadata().generation());
            }
            DiskTool.CheckReport r = DiskTool.check(disk);
            assertTrue(r.ok(), r.format());
            kills++;
            unreported += k > lastReported ? 1 : 0;
            beforeFirstFlush += k == first - 1 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("GuestCrashTest: %d kills in %.1f s (%.2f s per boot+kill+check), %d guest flushes verified,"
                + " %d kills after a flush the guest had not reported, %d before the boot's first flush%n",
                kills, seconds, seconds / kills, checker.epoch(), unreported, beforeFirstFlush);
        assertTrue(checker.epoch() > kills / 2, "the guest made progress");
    }

    private static String line(NexusProcess nexus, List<String> seen) throws InterruptedException {
        String l = nexus.nextLine(60_000);
        if (l == null || l.equals(NexusProcess.EOF)) {
            throw new AssertionError("nexus stopped printing (" + (l == null ? "timeout" : "exited") + "); output "
                    + seen + "; stderr:\n" + nexus.stderr());
        }
        seen.add(l);
        return l;
    }

    private static void awaitPrefix(NexusProcess nexus, String prefix, List<String> seen) throws InterruptedException {
        while (!line(nexus, seen).startsWith(prefix)) {
            // boot banner lines, if any
        }
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
