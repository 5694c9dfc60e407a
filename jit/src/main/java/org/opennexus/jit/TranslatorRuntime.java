package org.opennexus.jit;

/**
 * Entry points that translated code calls (public because hidden classes link against them by
 * name; they are not an API for anything else).
 */
public final class TranslatorRuntime {
    private TranslatorRuntime() { }

    /** Counts n retired instructions (cycles follow: they are derived from retired). */
    public static void retire(Hart h, int n) {
        h.retired += n;
    }

    /*
     * Slow paths (TLB miss, MMIO, watched code page). inFlight is the number of instructions the
     * unit has retired but not yet published: during the access instret is exact, as in the
     * interpreter, because a device may read it (the deterministic clock derives mtime from it).
     */

    /**
     * A CSR read with no write (CSRRS/CSRRC/CSRRSI/CSRRCI with rs1 = x0): the same access checks
     * and value as {@link Interpreter}, with instret exact for counters. Illegal accesses throw the
     * illegal-instruction Trap (tval = the instruction), which the unit turns into a precise trap.
     */
    public static long csrRead(Hart h, int insn, int inFlight) {
        int number = insn >>> 20;
        h.retired += inFlight;
        try {
            h.csr.checkAccess(number, false, insn);
            try {
                return h.csr.read(number);
            } catch (org.opennexus.memory.Trap t) { // the CSR does not exist
                throw CsrFile.illegal(insn);
            }
        } finally {
            h.retired -= inFlight;
        }
    }

    /**
     * An F/D instruction (LOAD-FP, STORE-FP, the fused ops, OP-FP), executed by the interpreter's
     * {@link FpExecutor} on the hart's registers: the unit has stored the integer source register
     * before and reloads an integer destination after. Illegal encodings, FS=Off and memory faults
     * throw the Trap the interpreter would. Returns true when the unit must leave after it (a store
     * modified translated code, or a device access raised the hart's attention).
     */
    public static boolean fp(Hart h, int insn, int raw, int inFlight) {
        CodeCache cache = h.codeCache();
        long before = cache.invalidations();
        FpExecutor fp = h.fpExecutor();
        h.retired += inFlight;
        try {
            switch ((insn >>> 2) & 31) {
                case 0x01 -> fp.load(insn, raw);
                case 0x09 -> fp.store(insn, raw);
                case 0x14 -> fp.op(insn, raw);
                default -> fp.fused(insn, raw);   // 0x10-0x13
            }
        } finally {
            h.retired -= inFlight;
        }
        return cache.invalidations() != before || h.attention;
    }

    /** A load that missed the inline TLB path; zero-extended like Mmu.load. */
    public static long loadSlow(Hart h, long vaddr, int size, int inFlight) {
        h.retired += inFlight;
        try {
            return h.mmu().load(vaddr, size);
        } finally {
            h.retired -= inFlight;
        }
    }

    /**
     * A store that missed the inline TLB path. Returns true when the calling unit must leave right
     * after this instruction: it modified translated code (the unit may be stale), or a device
     * raised the hart's attention (e.g. a CLINT mtimecmp write), which the interpreter would also
     * service before the next instruction.
     */
    public static boolean storeSlow(Hart h, long vaddr, int size, long value, int inFlight) {
        CodeCache cache = h.codeCache();
        long before = cache.invalidations();
        h.retired += inFlight;
        try {
            h.mmu().store(vaddr, size, value);
        } finally {
            h.retired -= inFlight;
        }
        return cache.invalidations() != before || h.attention;
    }

    /*
     * binary64 arithmetic called straight from units (no decoding): the same Fpu operations and
     * rounding-mode rules as FpExecutor. The unit has checked FS and writes f[rd] and FS=Dirty.
     */

    /** The rm field resolved like {@link FpExecutor}: DYN reads frm; 5, 6 and frm 5-7 are illegal. */
    private static int rm(Hart h, int rmField, int raw) {
        int r = rmField == 7 ? h.csr.frm : rmField;
        if (r > 4) throw CsrFile.illegal(raw);
        return r;
    }

    public static long addD(Hart h, long a, long b, int rmField, int raw) {
        return org.opennexus.jit.fpu.Fpu.addD(a, b, rm(h, rmField, raw), h.csr.fpFlags);
    }

    public static long subD(Hart h, long a, long b, int rmField, int raw) {
        return org.opennexus.jit.fpu.Fpu.subD(a, b, rm(h, rmField, raw), h.csr.fpFlags);
    }

    public static long mulD(Hart h, long a, long b, int rmField, int raw) {
        return org.opennexus.jit.fpu.Fpu.mulD(a, b, rm(h, rmField, raw), h.csr.fpFlags);
    }

    public static long divD(Hart h, long a, long b, int rmField, int raw) {
        return org.opennexus.jit.fpu.Fpu.divD(a, b, rm(h, rmField, raw), h.csr.fpFlags);
    }

    public static long fmaddD(Hart h, long a, long b, long c, int rmField, int raw) {
        return org.opennexus.jit.fpu.Fpu.fmaddD(a, b, c, rm(h, rmField, raw), h.csr.fpFlags);
    }

    public static long fmsubD(Hart h, long a, long b, long c, int rmField, int raw) {
        return org.opennexus.jit.fpu.Fpu.fmsubD(a, b, c, rm(h, rmField, raw), h.csr.fpFlags);
    }

    public static long fnmsubD(Hart h, long a, long b, long c, int rmField, int raw) {
        return org.opennexus.jit.fpu.Fpu.fnmsubD(a, b, c, rm(h, rmField, raw), h.csr.fpFlags);
    }

    public static long fnmaddD(Hart h, long a, long b, long c, int rmField, int raw) {
        return org.opennexus.jit.fpu.Fpu.fnmaddD(a, b, c, rm(h, rmField, raw), h.csr.fpFlags);
    }
}
