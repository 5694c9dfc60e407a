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
