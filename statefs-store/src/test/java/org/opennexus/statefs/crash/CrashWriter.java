package org.opennexus.statefs.crash;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.opennexus.statefs.LmdbBlockBackend;

/**
 * Child JVM of the crash test: attaches the disk, runs epochs {@code first..last} of the
 * {@link WriteSchedule} through the backend, flushing after each and printing "FLUSHED e" once
 * flush {@code e} has returned. Prints "READY" after attaching. The parent kills it with SIGKILL at
 * a seeded moment; {@code last} only bounds the run should the parent die first.
 *
 * <p>Usage: {@code CrashWriter DISK SEED FIRST_EPOCH LAST_EPOCH}
 */
public final class CrashWriter {
    private CrashWriter() { }

    public static void main(String[] args) throws Exception {
        Path disk = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int first = Integer.parseInt(args[2]);
        int last = Integer.parseInt(args[3]);
        try (LmdbBlockBackend d = LmdbBlockBackend.open(disk)) {
            WriteSchedule schedule = new WriteSchedule(seed, d.sizeBytes());
            MemorySegment buf = MemorySegment.ofArray(new byte[64 * WriteSchedule.SECTOR]);
            System.out.println("READY");
            System.out.flush();
            for (int e = first; e <= last; e++) {
                for (WriteSchedule.Extent x : schedule.epoch(e)) {
                    MemorySegment data = buf.asSlice(0, (long) x.sectors() * WriteSchedule.SECTOR);
                    schedule.fill(x, data);
                    d.write(x.firstSector() * WriteSchedule.SECTOR, data);
                }
                d.flush();
                System.out.println("FLUSHED " + e);
                System.out.flush();
            }
        }
        System.out.println("DONE");
    }
}
