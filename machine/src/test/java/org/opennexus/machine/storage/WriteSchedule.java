package org.opennexus.machine.storage;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The deterministic workload of the crash test, shared by the writer (today a child JVM, later a
 * guest program) and the checker. Epoch {@code e} (1, 2, ...) writes a seeded list of extents and
 * then flushes; flush {@code e} completes epoch {@code e}. Every 512-byte sector written by write
 * {@code id} holds {@link #fillSector pattern(seed, id, sector)}: 64 little-endian words that each
 * depend on (seed, id, sector, word), or all zeros for "zero writes" (exercising sparse deletes),
 * so a sector from any other write or a torn mix of two writes never matches.
 *
 * <p>Copy of statefs-store's test-scoped {@code org.opennexus.statefs.crash.WriteSchedule} (test classes are not
 * published as a test-jar), unchanged but for the package; bench/guest-io/schedule.h is its C port.
 */
final class WriteSchedule {
    public static final int SECTOR = 512;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** One write: {@code sectors} sectors at sector {@code firstSector}, identified by {@code id}. */
    public record Extent(long id, long firstSector, int sectors) { }

    private final long seed;
    private final long sectors;

    public WriteSchedule(long seed, long sizeBytes) {
        this.seed = seed;
        this.sectors = sizeBytes / SECTOR;
    }

    public long seed() {
        return seed;
    }

    public long sectorCount() {
        return sectors;
    }

    /** Write id of extent {@code index} of {@code epoch}; 0 means "never written". */
    public static long writeId(int epoch, int index) {
        return ((long) epoch << 8) | (index + 1);
    }

    public List<Extent> epoch(int epoch) {
        SplittableRandom r = new SplittableRandom(mix(seed, epoch, 0x5eed));
        int n = 1 + r.nextInt(6);
        List<Extent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = 1 + r.nextInt(r.nextInt(4) == 0 ? 40 : 9); // mostly short, sometimes multi-block
            long first = r.nextLong(sectors - len + 1);
            if (r.nextInt(3) == 0) {
                first &= ~7L; // block-aligned starts are common in real guests
            }
            out.add(new Extent(writeId(epoch, i), first, len));
        }
        return out;
    }

    public boolean isZeroWrite(long id) {
        return Long.remainderUnsigned(mix(seed, id, 0x2e70), 7) == 0;
    }

    /** Fills the 512 bytes at {@code off} of {@code dst} with what write {@code id} puts in {@code sector}. */
    public void fillSector(long id, long sector, MemorySegment dst, long off) {
        if (id == 0 || isZeroWrite(id)) {
            dst.asSlice(off, SECTOR).fill((byte) 0);
            return;
        }
        long base = mix(seed, id, sector);
        for (int w = 0; w < SECTOR / 8; w++) {
            dst.set(WORD, off + 8L * w, mix(base, w, 0x77));
        }
    }

    /** Fills an extent's whole buffer ({@code sectors * 512} bytes). */
    public void fill(Extent e, MemorySegment dst) {
        for (int s = 0; s < e.sectors(); s++) {
            fillSector(e.id(), e.firstSector() + s, dst, (long) s * SECTOR);
        }
    }

    static long mix(long a, long b, long c) {
        long h = a * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(b * 0xC2B2AE3D27D4EB4FL, 29) ^ c * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
