package org.opennexus.memory;

/**
 * Physical memory protection (privileged spec 1.12, section 3.7): 16 entries, grain G=0 (4 bytes),
 * RV64 layout (pmpcfg0 holds entries 0-7, pmpcfg2 entries 8-15; odd pmpcfg numbers do not exist).
 *
 * <p>WARL choices, documented in docs/memory.md: the reserved cfg bits 6:5 read as zero; the
 * reserved combination R=0,W=1 is legalised by clearing W (what later QEMU versions do); every
 * address-matching mode (OFF, TOR, NA4, NAPOT) is supported. Writes to a locked entry's cfg and
 * pmpaddr are ignored, and so are writes to pmpaddr[i-1] when entry i is locked TOR (3.7.1).
 * Every effective change calls the owner's flush hook, so no TLB keeps a stale PMP verdict.
 */
public final class Pmp {
    public static final int ENTRIES = 16;

    public static final int R = 0x01, W = 0x02, X = 0x04, L = 0x80;
    public static final int A_SHIFT = 3, A_OFF = 0, A_TOR = 1, A_NA4 = 2, A_NAPOT = 3;

    /** Access types as used by {@link #check}: the permission bit each needs. */
    public static final int ACCESS_FETCH = X, ACCESS_LOAD = R, ACCESS_STORE = W;

    /** pmpaddr holds physical address bits 55:2 on RV64. */
    private static final long ADDR_MASK = (1L << 54) - 1;

    private final byte[] cfg = new byte[ENTRIES];
    private final long[] addr = new long[ENTRIES];
    /** Decoded rules: [lo, hi) byte ranges (hi <= 2^56, so signed compares are fine); lo == hi means no match. */
    private final long[] lo = new long[ENTRIES];
    private final long[] hi = new long[ENTRIES];
    private int active; // number of entries whose A field is not OFF
    private final Runnable onChange;

    public Pmp() { this(() -> { }); }

    Pmp(Runnable onChange) { this.onChange = onChange; }

    /** pmpcfg CSR read; index is the CSR number 0, 2, ..., 14 (RV64); pmpcfg4..14 read zero. */
    public long readCfg(int index) {
        int first = cfgFirstEntry(index);
        if (first < 0) return 0;
        long v = 0;
        for (int k = 7; k >= 0; k--) v = (v << 8) | (cfg[first + k] & 0xffL);
        return v;
    }

    /** pmpcfg CSR write (WARL, see class comment). */
    public void writeCfg(int index, long value) {
        int first = cfgFirstEntry(index);
        if (first < 0) return;
        boolean changed = false;
        for (int k = 0; k < 8; k++) {
            int e = first + k;
            if ((cfg[e] & L) != 0) continue;
            int b = (int) (value >>> (8 * k)) & 0x9f; // bits 6:5 are reserved (WARL 0)
            if ((b & (R | W)) == W) b &= ~W;         // R=0,W=1 is reserved: legalise to R=W=0
            if (cfg[e] != (byte) b) { cfg[e] = (byte) b; changed = true; }
        }
        if (changed) update();
    }

    /** pmpaddr CSR read (G=0, so every bit reads back as written); pmpaddr16..63 read zero. */
    public long readAddr(int i) {
        return i >= 0 && i < ENTRIES ? addr[i] : 0;
    }

    /** pmpaddr CSR write; ignored when entry i is locked, or entry i+1 is locked and TOR. */
    public void writeAddr(int i, long value) {
        if (i < 0 || i >= ENTRIES) return;
        if ((cfg[i] & L) != 0) return;
        if (i + 1 < ENTRIES && (cfg[i + 1] & L) != 0 && mode(i + 1) == A_TOR) return;
        long v = value & ADDR_MASK;
        if (addr[i] != v) { addr[i] = v; update(); }
    }

    /** The configuration byte of entry i (tests, diagnostics). */
    public int entryCfg(int i) { return cfg[i] & 0xff; }

    /** True when no entry is active; then M-mode is allowed everything and S/U nothing. */
    public boolean allOff() { return active == 0; }

    /**
     * Checks an access of len bytes at paddr by privilege priv (0 U, 1 S, 3 M) needing permission
     * bit {@code access} (R, W or X). The lowest-numbered entry that matches any byte decides; it
     * must match all bytes (3.7.1 "Priority and Matching Logic"). No match: M succeeds, S/U fail.
     */
    public boolean check(long paddr, long len, int priv, int access) {
        if (active != 0) {
            long end = paddr + len;
            for (int i = 0; i < ENTRIES; i++) {
                long l = lo[i], h = hi[i];
                if (l == h) continue;
                if (end <= l || paddr >= h) continue;    // no byte matches
                if (paddr < l || end > h) return false;  // partial match fails
                int c = cfg[i];
                if (priv == 3 && (c & L) == 0) return true;
                return (c & access) != 0;
            }
        }
        return priv == 3;
    }

    private int mode(int i) { return (cfg[i] >> A_SHIFT) & 3; }

    /** First entry held by pmpcfg[index], or -1 for odd numbers and pmpcfg4..14 (entries 16-63 are not implemented: read-only zero). */
    private static int cfgFirstEntry(int index) {
        return (index & 1) != 0 || index < 0 || index * 4 + 8 > ENTRIES ? -1 : index * 4;
    }

    /** Recomputes the decoded ranges and tells the owner (TLB flush). */
    private void update() {
        int n = 0;
        for (int i = 0; i < ENTRIES; i++) {
            long l = 0, h = 0;
            switch (mode(i)) {
                case A_TOR -> {
                    l = i == 0 ? 0 : addr[i - 1] << 2;
                    h = addr[i] << 2;
                    if (l >= h) { l = 0; h = 0; } // empty range matches nothing
                }
                case A_NA4 -> { l = addr[i] << 2; h = l + 4; }
                case A_NAPOT -> {
                    long a = addr[i];
                    int t = Long.numberOfTrailingZeros(~a); // trailing ones
                    if (t >= 54) { l = 0; h = 1L << 56; } // all ones: the whole physical space
                    else {
                        long sizeBytes = 8L << t;
                        l = (a << 2) & -sizeBytes;
                        h = l + sizeBytes;
                    }
                }
                default -> { }
            }
            lo[i] = l;
            hi[i] = h;
            if (mode(i) != A_OFF) n++;
        }
        active = n;
        onChange.run();
    }
}
