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

    /**
     * A store that missed the inline TLB path. Returns true when it modified translated code, in
     * which case the calling unit must leave right after this instruction (it may be stale).
     */
    public static boolean storeSlow(Hart h, long vaddr, int size, long value) {
        CodeCache cache = h.codeCache();
        long before = cache.invalidations();
        h.mmu().store(vaddr, size, value);
        return cache.invalidations() != before;
    }
}
