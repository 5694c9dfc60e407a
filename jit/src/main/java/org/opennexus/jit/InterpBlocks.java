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
 * <p>Layout: everything lives in one array, {@link #code}; block b starts at {@code b * STRIDE}
 * with its tag (RAM offset of the first instruction, or -1), the epoch in which it was last
 * compared with RAM, its instruction count and byte length ({@link #META}), then its instructions
 * and an {@link InterpDecoder#END} that leaves the block at its end. Placed in a block, an
 * instruction's bits 31:23 hold {@link #off}, its offset from the block's first byte, and the
 * immediate of a pc-relative operation is made relative to that byte; a control transfer keeps
 * its fall-through offset (the block's end, and the link value) in bits 39:32 ({@link #next}) and
 * its immediate in bits 63:40 ({@link #target}). The
 * interpreter so needs no pc per instruction, and cuts a block short by writing an END with the
 * offset of the instruction it stops before.
 *
 * <p>Validity: each block keeps a copy of the bytes it was decoded from, and {@link #find}
 * compares them with RAM when the block is entered for the first time in an {@link #epoch}.
 * The interpreter starts a new epoch at every entry to its run loop (so writes by other harts,
 * DMA, loaders and tests are seen at the next one; on RISC-V they need a FENCE.I on this hart
 * anyway), after every instruction on the reference path that may write memory (stores through
 * the MMU, FP stores, AMOs, FENCE.I, SYSTEM), and after each of its own fast-path stores to a code
 * line (256 bytes) holding part of a block ({@link #isCodeLine}); a store into the running block also ends it.
 * Decoding is a pure function of the bytes and blocks hold no virtual addresses, so a hit is
 * valid in any mapping and privilege.
 */
final class InterpBlocks {
    /** Blocks in the cache (a power of two). */
    static final int BLOCKS = 1 << 11;
    /** Longs per block in {@link #code}. */
    static final int STRIDE = 32;
    /** Header longs: tag, checked epoch, meta. */
    static final int TAG = 0, CHECKED = 1, META = 2, HEADER = 3;
    /** Most instructions in one block (one slot stays for the closing END). */
    static final int MAX = STRIDE - HEADER - 1;
    private static final int RAW_LONGS = (MAX * 4 + 7) / 8;

    /** Headers and placed instructions of all blocks (see the class comment). */
    final long[] code = new long[BLOCKS * STRIDE];
    /** The bytes block b was decoded from, little-endian, zero past the end. */
    private final long[] raw = new long[BLOCKS * RAW_LONGS];

    /** Blocks compared with RAM in an older epoch are compared again before use. */
    long epoch;
    /** Bytes per code line: stores are checked against blocks at this granularity. */
    static final int LINE_SHIFT = 8;
    /** One bit per code line of RAM: a block was built from bytes in it (bits are never cleared). */
    final long[] codeLines;

    private final MemorySegment ram;
    /** Last offset a validating 8-byte read may start at. */
    private final long lastLong;

    InterpBlocks(MemorySegment ram) {
        this.ram = ram;
        this.lastLong = ram.byteSize() - 8;
        this.codeLines = new long[(int) ((ram.byteSize() >>> LINE_SHIFT) + 63 >>> 6)];
        for (int b = 0; b < BLOCKS; b++) code[b * STRIDE + TAG] = -1L;
    }

    /** Index in {@link #code} of the header of the slot for the block at RAM offset off. */
    static int slot(long off) {
        return ((int) (off >>> 1) & (BLOCKS - 1)) * STRIDE;
    }

    /** Instructions in a block, from its META. */
    static int length(long meta) { return (int) meta; }

    /** Bytes a block covers, from its META. */
    static int bytes(long meta) { return (int) (meta >>> 32); }

    /** A placed instruction's offset field (bits 31:23): see the class comment. */
    static int off(long d) { return (int) (d >>> 23) & 0x1ff; }

    /** An END leaving a block at the given offset from its first byte. */
    static long end(int off) { return InterpDecoder.END | (long) off << 23; }

    /**
     * True when a block was ever built from bytes in a code line that a store of up to 8 bytes at
     * RAM offset off touches.
     */
    static boolean isCodeLine(long[] codeLines, long off) {
        return isCode(codeLines, off >>> LINE_SHIFT) || isCode(codeLines, (off + 7) >>> LINE_SHIFT);
    }

    private static boolean isCode(long[] codeLines, long line) {
        int i = (int) (line >>> 6);
        return i < codeLines.length && (codeLines[i] & (1L << line)) != 0;
    }

    /**
     * The header index of the block starting at RAM offset off (which a fetch-TLB entry maps, so
     * the page is RAM), decoded anew when the slot holds another block or RAM no longer holds its
     * bytes; marked checked in this epoch.
     */
    int find(long off) {
        int h = slot(off);
        if (code[h + TAG] != off || code[h + CHECKED] != epoch && !unchanged(h, off)) build(h, off);
        code[h + CHECKED] = epoch;
        return h;
    }

    private boolean unchanged(int h, long off) {
        int n = bytes(code[h + META]);
        int j = h / STRIDE * RAW_LONGS;
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

    /** Rewrites a decoded instruction for its place in a block, pcOff bytes after its first byte. */
    static long place(long d, int pcOff) {
        int op = InterpDecoder.op(d);
        long imm = InterpDecoder.imm(d) + (InterpDecoder.isPcRelative(op) ? pcOff : 0);
        long fields = (d & 0x7fffffL) | (long) pcOff << 23;
        if (InterpDecoder.isControl(op)) return fields | (long) (pcOff + InterpDecoder.length(d)) << 32 | imm << 40;
        return fields | imm << 32;
    }

    /** A placed control transfer's target offset (branches, JAL, J) or immediate (JALR, JR). */
    static long target(long d) { return d >> 40; }

    /** A placed control transfer's fall-through offset: the block's end, and the link value. */
    static int next(long d) { return (int) (d >>> 32) & 0xff; }

    private void build(int h, long off) {
        long pageEnd = (off | 0xfff) + 1;
        int base = h + HEADER;
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
            code[base + k++] = place(d, (int) (p - off));
            p += len;
            if (InterpDecoder.isControl(op)) break;
        }
        int n = (int) (p - off);
        code[base + k] = end(n);
        if (k == 0 && off <= lastLong) { // remember the first instruction, so a change to it is noticed
            int len = (ram.get(GuestRam.SHORT, off) & 3) == 3 ? 4 : 2;
            n = off + len <= pageEnd ? len : 2;
        }
        code[h + TAG] = off;
        code[h + META] = k | (long) n << 32;
        for (long line = off >>> LINE_SHIFT; line <= (off + n - 1) >>> LINE_SHIFT; line++) {
            codeLines[(int) (line >>> 6)] |= 1L << line;
        }
        int j = h / STRIDE * RAW_LONGS;
        for (int i = 0; i < n; i += 8, j++) {
            long v = ram.get(GuestRam.LONG, off + i);
            raw[j] = n - i >= 8 ? v : v & (-1L >>> (64 - 8 * (n - i)));
        }
    }
}
