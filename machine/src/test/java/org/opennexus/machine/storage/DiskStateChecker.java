package org.opennexus.machine.storage;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The crash-consistency oracle. It knows the disk state after some verified flush boundary (the
 * write id last stored in each sector) and decides which later flush {@code k} a disk is at: the
 * disk must equal, sector for sector, the state after applying epochs up to {@code k} of the
 * {@link WriteSchedule}. Any flushed write missing, any unflushed write present, or any torn sector
 * (a mix of two writes) makes every candidate fail. Independent of the store: it only reads sectors.
 *
 * <p>Copy of statefs-store's test-scoped {@code org.opennexus.statefs.crash.DiskStateChecker} (test classes are not
 * published as a test-jar), unchanged but for the package; bench/guest-io/schedule.h is its C port.
 */
final class DiskStateChecker {
    private final WriteSchedule schedule;
    private long[] sectorWrite; // write id held by each sector at flush boundary `epoch`
    private int epoch;

    public DiskStateChecker(WriteSchedule schedule) {
        this.schedule = schedule;
        this.sectorWrite = new long[Math.toIntExact(schedule.sectorCount())];
    }

    /** The verified flush boundary (0 = freshly created, all zero). */
    public int epoch() {
        return epoch;
    }

    private long[] advance(long[] state, int fromEpoch, int toEpoch) {
        long[] s = state.clone();
        for (int e = fromEpoch + 1; e <= toEpoch; e++) {
            for (WriteSchedule.Extent x : schedule.epoch(e)) {
                Arrays.fill(s, (int) x.firstSector(), (int) x.firstSector() + x.sectors(), x.id());
            }
        }
        return s;
    }

    /**
     * Finds the flush boundary {@code k} in [{@code minK}, {@code maxK}] that the disk equals, makes it
     * the new verified boundary and returns it; throws AssertionError describing the first mismatch of
     * every candidate otherwise.
     */
    /**
     * Like {@link #verify}, for a disk that records its commit count: the generation must lie in
     * [minK, maxK] and the data must be exactly the state after flush {@code generation}. (Data
     * alone can match two neighbouring flushes when a flush only rewrote zeros over zeros; the
     * generation says which commit it was.)
     */
    public int verifyAt(DiskImage disk, int minK, int maxK, long generation) throws IOException {
        if (generation < minK || generation > maxK) {
            throw new AssertionError("disk generation " + generation + " is outside the flushes the writer can have"
                    + " completed, [" + minK + ", " + maxK + "] (seed " + schedule.seed() + ")");
        }
        return verify(disk, (int) generation, (int) generation);
    }

    public int verify(DiskImage disk, int minK, int maxK) throws IOException {
        if (minK < epoch) {
            throw new IllegalArgumentException("minK " + minK + " is before the verified boundary " + epoch);
        }
        int n = sectorWrite.length;
        MemorySegment actual = MemorySegment.ofArray(new byte[n * WriteSchedule.SECTOR]);
        disk.read(0, actual);
        MemorySegment expected = MemorySegment.ofArray(new byte[WriteSchedule.SECTOR]);
        StringBuilder why = new StringBuilder();
        long[] state = advance(sectorWrite, epoch, minK);
        for (int k = minK; k <= maxK; k++) {
            if (k > minK) {
                state = advance(state, k - 1, k);
            }
            int bad = firstMismatch(state, actual, expected);
            if (bad < 0) {
                sectorWrite = state;
                epoch = k;
                return k;
            }
            why.append("\n  flush ").append(k).append(": sector ").append(bad).append(" should hold write ")
                    .append(describe(state[bad])).append(" but holds ").append(identify(bad, actual, state));
        }
        throw new AssertionError("disk is at no flush boundary in [" + minK + ", " + maxK + "] (seed "
                + schedule.seed() + "):" + why);
    }

    private int firstMismatch(long[] state, MemorySegment actual, MemorySegment expected) {
        for (int s = 0; s < state.length; s++) {
            schedule.fillSector(state[s], s, expected, 0);
            long off = (long) s * WriteSchedule.SECTOR;
            if (MemorySegment.mismatch(actual, off, off + WriteSchedule.SECTOR, expected, 0, WriteSchedule.SECTOR) != -1) {
                return s;
            }
        }
        return -1;
    }

    private static String describe(long id) {
        return id == 0 ? "none (zeros)" : (id >>> 8) + "." + ((id & 0xff) - 1);
    }

    /** Names the write a sector's content comes from (searching a window of epochs), or "torn/unknown". */
    private String identify(int sector, MemorySegment actual, long[] state) {
        MemorySegment one = MemorySegment.ofArray(new byte[WriteSchedule.SECTOR]);
        long off = (long) sector * WriteSchedule.SECTOR;
        if (actual.asSlice(off, WriteSchedule.SECTOR).mismatch(MemorySegment.ofArray(new byte[WriteSchedule.SECTOR])) == -1) {
            return "zeros";
        }
        int hi = (int) (Arrays.stream(state).max().orElse(0) >>> 8) + 2;
        for (int e = Math.max(1, hi - 64); e <= hi; e++) {
            for (WriteSchedule.Extent x : schedule.epoch(e)) {
                if (sector >= x.firstSector() && sector < x.firstSector() + x.sectors()) {
                    schedule.fillSector(x.id(), sector, one, 0);
                    if (MemorySegment.mismatch(actual, off, off + WriteSchedule.SECTOR, one, 0, WriteSchedule.SECTOR) == -1) {
                        return "write " + describe(x.id());
                    }
                }
            }
        }
        return "torn or unknown data";
    }
}
