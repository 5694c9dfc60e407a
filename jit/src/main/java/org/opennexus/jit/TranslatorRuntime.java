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
     * A store that missed the inline TLB path. Returns true when it modified translated code, in
     * which case the calling unit must leave right after this instruction (it may be stale).
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
        return cache.invalidations() != before;
    }
}
