package org.opennexus.jit;

import java.lang.foreign.MemorySegment;
import org.opennexus.memory.GuestRam;

/**
 * The interpreter's block cache: straight runs of pre-decoded instructions ({@link InterpDecoder})
 * keyed by the RAM offset of their first instruction, direct-mapped, one per hart.
 *
 * <p>A block ends after its first control transfer (branch, JAL, JALR), before the first
 * instruction the fast path does not decode ({@link InterpDecoder#SLOW}), before an instruction
 * that would end past its 4 KiB page, and after {@link #MAX} instructions. It may be empty (its
 * first instruction is one of those), and the interpreter then steps through the reference path.
 *
 * <p>Validity: each block keeps a copy of the bytes it was decoded from, and {@link #find}
 * compares them with RAM when the block is entered for the first time in an {@link #epoch}.
 * The interpreter starts a new epoch at every entry to its run loop (so writes by other harts,
 * DMA, loaders and tests are seen at the next one; on RISC-V they need a FENCE.I on this hart
 * anyway), after every instruction on the reference path that may write memory (stores through
 * the MMU, FP stores, AMOs, FENCE.I, SYSTEM), and after each of its own fast-path stores to a RAM
 * page holding a block ({@link #isCodePage}); a store into the running block also ends it.
 * Decoding is a pure function of the bytes and blocks hold no virtual addresses, so a hit is
 * valid in any mapping and privilege.
 */
final class InterpBlocks {
    /** Blocks in the cache (a power of two). */
    static final int BLOCKS = 1 << 11;
    /** Most instructions in one block. */
    static final int MAX = 16;
    private static final int RAW_LONGS = MAX * 4 / 8;

    /** RAM offset of each block's first instruction, or -1. */
    final long[] start = new long[BLOCKS];
    /** Instructions in each block (0: step the first one on the reference path). */
    final int[] length = new int[BLOCKS];
    /** Bytes each block covers. */
    final int[] bytes = new int[BLOCKS];
    /** Decoded instructions: block b at [b * MAX, b * MAX + length[b]). */
    final long[] ops = new long[BLOCKS * MAX];
    /** The bytes block b was decoded from, little-endian, zero past the end. */
    private final long[] raw = new long[BLOCKS * RAW_LONGS];

    /** The epoch in which each block was last compared with RAM. */
    final long[] checked = new long[BLOCKS];
    /** Blocks compared with RAM in an older epoch are compared again before use. */
    long epoch;
    /** One bit per RAM page: a block was built from it (bits are never cleared). */
    final long[] codePages;

    private final MemorySegment ram;
    /** Last offset a validating 8-byte read may start at. */
    private final long lastLong;

    InterpBlocks(MemorySegment ram) {
        this.ram = ram;
        this.lastLong = ram.byteSize() - 8;
        this.codePages = new long[(int) ((ram.byteSize() >>> 12) + 63 >>> 6)];
        java.util.Arrays.fill(start, -1L);
    }

    /** True when a block was ever built from the RAM page holding off. */
    static boolean isCodePage(long[] codePages, long off) {
        long page = off >>> 12;
        return (codePages[(int) (page >>> 6)] & (1L << page)) != 0;
    }

    /**
     * The block starting at RAM offset off (which a fetch-TLB entry maps, so the page is RAM),
     * decoded anew when the slot holds another block or RAM no longer holds its bytes.
     */
    int find(long off) {
        int b = (int) (off >>> 1) & (BLOCKS - 1);
        if (start[b] != off || checked[b] != epoch && !unchanged(b, off)) build(b, off);
        checked[b] = epoch;
        return b;
    }

    private boolean unchanged(int b, long off) {
        int n = bytes[b];
        int j = b * RAW_LONGS;
        while (n > 8) {
            if (ram.get(GuestRam.LONG, off) != raw[j]) return false;
            off += 8;
            j++;
            n -= 8;
        }
        if (n == 0) return true;
        long mask = -1L >>> (64 - 8 * n);
        return ((ram.get(GuestRam.LONG, off) ^ raw[j]) & mask) == 0;
    }

    private void build(int b, long off) {
        long pageEnd = (off | 0xfff) + 1;
        int base = b * MAX;
        int k = 0;
        long p = off;
        while (k < MAX && p + 2 <= pageEnd) {
            int w = ram.get(GuestRam.SHORT, p) & 0xffff;
            int len = (w & 3) == 3 ? 4 : 2;
            if (p + len > pageEnd) break;
            if (len == 4) w = ram.get(GuestRam.INT, p);
            long d = InterpDecoder.decode(w);
            int op = InterpDecoder.op(d);
            if (op == InterpDecoder.SLOW) break;
            // the validating reads of this block must stay inside RAM
            if (((p + len - off + 7) & ~7L) + off - 8 > lastLong) break;
            ops[base + k++] = d;
            p += len;
            if (InterpDecoder.isControl(op)) break;
        }
        int n = (int) (p - off);
        if (k == 0 && off <= lastLong) { // remember the first instruction, so a change to it is noticed
            int len = (ram.get(GuestRam.SHORT, off) & 3) == 3 ? 4 : 2;
            n = off + len <= pageEnd ? len : 2;
        }
        start[b] = off;
        long page = off >>> 12;
        codePages[(int) (page >>> 6)] |= 1L << page;
        length[b] = k;
        bytes[b] = n;
        int j = b * RAW_LONGS;
        for (int i = 0; i < n; i += 8, j++) {
            long v = ram.get(GuestRam.LONG, off + i);
            raw[j] = n - i >= 8 ? v : v & (-1L >>> (64 - 8 * (n - i)));
        }
    }
}
