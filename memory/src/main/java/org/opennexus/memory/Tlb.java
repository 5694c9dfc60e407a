package org.opennexus.memory;

import java.util.Arrays;

/**
 * One hart's software TLB: three direct-mapped views (fetch, load, store), each split into
 * {@link #CONTEXTS} blocks of {@link #SETS} entries keyed by the translation context (effective
 * privilege and SUM), so privilege changes need no flush. Layout and hit path: docs/memory.md.
 *
 * <p>Hit path for a load of {@code size} bytes at {@code vaddr} in context block {@code ctx}
 * (a multiple of SETS, from {@link Mmu#dataContext()}); loads and stores keep tag and addend side
 * by side in one array per context:
 * <pre>
 *   long[] e = load[ctx / SETS];
 *   int j = ((int) (vaddr >>> 12) &amp; (SETS - 1)) &lt;&lt; 1;
 *   if (e[j] == (vaddr + size - 1) &gt;&gt;&gt; 12)  // also rejects page-crossing accesses
 *       value = segment.get(layout, vaddr + e[j + 1]);
 * </pre>
 * The fetch view uses flat arrays indexed by {@code ctx + set} ({@link Mmu#fetchContext()}).
 * Only plain-RAM pages wholly allowed by PMP are ever entered; a store-view entry implies the PTE
 * had W and D set and PMP allowed writes (and therefore reads), so AMOs may use it too.
 */
public final class Tlb {
    /** Entries per view per context (direct-mapped on the low bits of the virtual page number). */
    public static final int SETS = 256;
    /** Context blocks: 0 U, 1 S with SUM=0, 2 S with SUM=1, 3 M (Bare). Fetch uses 0, 1 and 3. */
    public static final int CONTEXTS = 4;
    public static final int CTX_U = 0, CTX_S = SETS, CTX_S_SUM = 2 * SETS, CTX_M = 3 * SETS;
    /** Tag of an empty entry; no virtual page number (vaddr >>> 12 < 2^52) equals it. */
    public static final long INVALID = -1L;

    // Tags: the virtual page number (vaddr >>> 12) cached in each entry, or INVALID.
    // Addends: RAM segment offset = vaddr + addend for any vaddr in the entry's page.
    public final long[] fetchTag = new long[SETS * CONTEXTS];
    public final long[] fetchAddend = new long[SETS * CONTEXTS];
    /**
     * The load and store views, one array per context (index = ctx / SETS) with tag and addend of
     * a set side by side: [2 * set] = vpn or INVALID, [2 * set + 1] = addend. One array per access
     * keeps the hit path to one array base and one bounds check (translated code inlines it).
     */
    public final long[][] load = new long[CONTEXTS][2 * SETS];
    public final long[][] store = new long[CONTEXTS][2 * SETS];

    /** Tag of the load view at flat slot ctx + set (INVALID when empty). */
    public long loadTag(int slot) { return load[slot / SETS][2 * (slot % SETS)]; }
    public long loadAddend(int slot) { return load[slot / SETS][2 * (slot % SETS) + 1]; }
    public long storeTag(int slot) { return store[slot / SETS][2 * (slot % SETS)]; }
    public long storeAddend(int slot) { return store[slot / SETS][2 * (slot % SETS) + 1]; }

    // Per-entry bookkeeping for sfence.vma: ASID (bits 15:0), G (bit 16), leaf level (bits 21:20).
    private final long[] fetchMeta = new long[SETS * CONTEXTS];
    private final long[] loadMeta = new long[SETS * CONTEXTS];
    private final long[] storeMeta = new long[SETS * CONTEXTS];
    private static final long META_GLOBAL = 1L << 16;
    private static final int META_LEVEL_SHIFT = 20;

    /** True once a piece of a superpage has been cached: sfence by address must then scan. */
    private boolean superpages;

    public Tlb() { flushAll(); }

    /** View numbers for {@link #fill}. */
    static final int FETCH = 0, LOAD = 1, STORE = 2;

    void fill(int view, int ctx, long vaddr, long ramOffsetOfPage, int asid, boolean global, int level) {
        long vpn = vaddr >>> 12;
        int i = ctx + ((int) vpn & (SETS - 1));
        long meta = (asid & 0xffffL) | (global ? META_GLOBAL : 0) | ((long) level << META_LEVEL_SHIFT);
        long addend = ramOffsetOfPage - (vaddr & ~0xfffL);
        if (level > 0) superpages = true;
        switch (view) {
            case FETCH -> { fetchTag[i] = vpn; fetchAddend[i] = addend; fetchMeta[i] = meta; }
            case LOAD -> { long[] e = load[ctx / SETS]; int j = 2 * (i - ctx); e[j] = vpn; e[j + 1] = addend; loadMeta[i] = meta; }
            default -> { long[] e = store[ctx / SETS]; int j = 2 * (i - ctx); e[j] = vpn; e[j + 1] = addend; storeMeta[i] = meta; }
        }
    }

    public void flushAll() {
        Arrays.fill(fetchTag, INVALID);
        for (long[] e : load) Arrays.fill(e, INVALID);
        for (long[] e : store) Arrays.fill(e, INVALID);
        superpages = false;
    }

    /** Drops the store-view entries that map the RAM page at ramPageOffset (code-page watch). */
    void dropStoreEntriesFor(long ramPageOffset) {
        for (long[] e : store) {
            for (int j = 0; j < 2 * SETS; j += 2) {
                long t = e[j];
                if (t != INVALID && (t << 12) + e[j + 1] == ramPageOffset) e[j] = INVALID;
            }
        }
    }

    /** Drops every load-view entry (MXR changed: load permissions differ). */
    public void flushLoads() {
        for (long[] e : load) Arrays.fill(e, INVALID);
    }

    /**
     * sfence.vma semantics (privileged spec 1.12, 4.2.1): drops the entries for the leaf mapping
     * of vaddr (any vaddr when allAddresses) belonging to asid (any asid when allAsids; global
     * entries survive an ASID-specific fence).
     */
    public void sfence(long vaddr, boolean allAddresses, int asid, boolean allAsids) {
        if (allAddresses && allAsids) { flushAll(); return; }
        long vpn = vaddr >>> 12;
        if (allAddresses || superpages) {
            for (int i = 0; i < SETS * CONTEXTS; i++) {
                sfenceEntry(fetchTag, i, fetchMeta, i, vpn, allAddresses, asid, allAsids);
                sfenceEntry(load[i / SETS], 2 * (i % SETS), loadMeta, i, vpn, allAddresses, asid, allAsids);
                sfenceEntry(store[i / SETS], 2 * (i % SETS), storeMeta, i, vpn, allAddresses, asid, allAsids);
            }
        } else {
            int slot = (int) vpn & (SETS - 1);
            for (int c = 0; c < CONTEXTS; c++) {
                int i = c * SETS + slot;
                sfenceEntry(fetchTag, i, fetchMeta, i, vpn, false, asid, allAsids);
                sfenceEntry(load[c], 2 * slot, loadMeta, i, vpn, false, asid, allAsids);
                sfenceEntry(store[c], 2 * slot, storeMeta, i, vpn, false, asid, allAsids);
            }
        }
    }

    private static void sfenceEntry(long[] tag, int t0, long[] meta, int i, long vpn, boolean allAddresses,
                                    int asid, boolean allAsids) {
        long t = tag[t0];
        if (t == INVALID) return;
        long m = meta[i];
        if (!allAddresses) {
            int levelBits = 9 * (int) ((m >>> META_LEVEL_SHIFT) & 3);
            if (((t ^ vpn) >>> levelBits) != 0) return; // vaddr outside the leaf's (super)page
        }
        if (!allAsids && ((m & META_GLOBAL) != 0 || (m & 0xffff) != (asid & 0xffff))) return;
        tag[t0] = INVALID;
    }
}
