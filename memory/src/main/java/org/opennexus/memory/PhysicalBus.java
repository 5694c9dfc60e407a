package org.opennexus.memory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The physical address space of one machine: guest RAM plus memory-mapped device regions.
 *
 * <p>RAM takes the fast path. Device regions live in arrays sorted by base and are found by binary
 * search. A device region may overlay RAM (HTIF {@code tohost} inside an ELF's data section); the
 * overlaid bytes then belong to the device. Device regions never overlap each other. An access to
 * nothing, an access straddling a region's end, or one the device does not {@link
 * MmioDevice#accepts accept} raises {@code new Trap(accessFaultCause, paddr)}.
 *
 * <p>Mapping happens while the machine is built, before harts run; reads of the region arrays are
 * then safe from any thread (the arrays are replaced, never mutated, and published through a
 * volatile write). Mapping an overlay later flushes every hart's TLB (from the mapping thread).
 */
public final class PhysicalBus {
    private final GuestRam ram;
    private final long ramBase;
    private final long ramSize;

    /** Immutable snapshot of the device map, replaced as a whole by {@link #map}. */
    private record Regions(String[] names, long[] bases, long[] sizes, MmioDevice[] devices,
                           long overlayLo, long overlayHi) {
        static final Regions EMPTY = new Regions(new String[0], new long[0], new long[0],
                new MmioDevice[0], 0, 0);
    }

    private volatile Regions regions = Regions.EMPTY;

    /** Code-page watch (for the translator): one bit per RAM page, the harts' TLBs, the listener. */
    private final AtomicLongArray codePages;
    private volatile boolean anyCodePages;
    private volatile GuestRam.WriteListener codeWriteListener = (a, l) -> { };
    private final CopyOnWriteArrayList<Tlb> tlbs = new CopyOnWriteArrayList<>();

    public PhysicalBus(GuestRam ram) {
        this.ram = ram;
        this.ramBase = ram.base();
        this.ramSize = ram.size();
        this.codePages = new AtomicLongArray((int) ((ramSize >>> 12) + 63 >>> 6));
    }

    public GuestRam ram() { return ram; }

    /**
     * Maps a device. May overlay RAM (used for HTIF tohost inside an ELF's data); device regions
     * must not overlap each other ({@link IllegalArgumentException}).
     */
    public synchronized void map(String name, long base, long size, MmioDevice device) {
        if (size <= 0 || base + size < base && base + size != 0) {
            throw new IllegalArgumentException("bad region " + name + " size 0x" + Long.toHexString(size));
        }
        Regions r = regions;
        int n = r.bases.length;
        for (int i = 0; i < n; i++) {
            if (overlaps(base, size, r.bases[i], r.sizes[i])) {
                throw new IllegalArgumentException(String.format(
                        "region %s [0x%x,+0x%x) overlaps %s [0x%x,+0x%x)",
                        name, base, size, r.names[i], r.bases[i], r.sizes[i]));
            }
        }
        int at = 0;
        while (at < n && Long.compareUnsigned(r.bases[at], base) < 0) at++;
        String[] names = insert(r.names, at, name, new String[n + 1]);
        MmioDevice[] devs = insert(r.devices, at, device, new MmioDevice[n + 1]);
        long[] bases = insert(r.bases, at, base);
        long[] sizes = insert(r.sizes, at, size);
        long lo = r.overlayLo, hi = r.overlayHi;
        if (overlaps(base, size, ramBase, ramSize)) {
            long end = base + size;
            if (lo == hi) { lo = base; hi = end; }
            else { lo = Math.min(lo, base); hi = Math.max(hi, end); }
        }
        regions = new Regions(names, bases, sizes, devs, lo, hi);
        if (lo != hi) {
            for (Tlb t : tlbs) t.flushAll(); // a new overlay must not be hidden by cached RAM pages
        }
    }

    /** Zero-extended read of 1/2/4/8 bytes; RAM first, then devices, else an access fault. */
    public long read(long paddr, int size, int accessFaultCause) {
        long off = paddr - ramBase;
        Regions r = regions;
        if (off >= 0 && off <= ramSize - size && !inOverlay(r, paddr, size)) {
            return ram.readAt(off, size);
        }
        int i = find(r, paddr, size);
        if (i < 0) throw new Trap(accessFaultCause, paddr);
        long devOff = paddr - r.bases[i];
        MmioDevice d = r.devices[i];
        if (!d.accepts(devOff, size)) throw new Trap(accessFaultCause, paddr);
        long v = d.read(devOff, size);
        return size == 8 ? v : v & ((1L << (size * 8)) - 1);
    }

    /** Write of the low 1/2/4/8 bytes of value; RAM first, then devices, else an access fault. */
    public void write(long paddr, int size, long value, int accessFaultCause) {
        long off = paddr - ramBase;
        Regions r = regions;
        if (off >= 0 && off <= ramSize - size && !inOverlay(r, paddr, size)) {
            ram.writeAt(off, size, value);
            if (anyCodePages) ramStored(off, size);
            return;
        }
        int i = find(r, paddr, size);
        if (i < 0) throw new Trap(accessFaultCause, paddr);
        long devOff = paddr - r.bases[i];
        MmioDevice d = r.devices[i];
        if (!d.accepts(devOff, size)) throw new Trap(accessFaultCause, paddr);
        d.write(devOff, size, size == 8 ? value : value & ((1L << (size * 8)) - 1));
    }

    /**
     * True when the whole 4 KiB page at pagePaddr is plain RAM with no device overlay (may be cached
     * in a TLB as a RAM page).
     */
    public boolean isPlainRamPage(long pagePaddr) {
        return ramOffset(pagePaddr & ~0xfffL, 4096) >= 0;
    }

    /**
     * The RAM offset of [paddr, paddr+length) when that range is wholly plain RAM (no device
     * overlay), else -1. Used for page-table walks and atomics, which only work on RAM.
     */
    public long ramOffset(long paddr, long length) {
        long off = paddr - ramBase;
        if (off < 0 || length < 0 || off > ramSize - length) return -1;
        Regions r = regions;
        if (r.overlayLo != r.overlayHi) {
            for (int i = 0; i < r.bases.length; i++) {
                if (overlaps(paddr, length, r.bases[i], r.sizes[i])) return -1;
            }
        }
        return off;
    }

    /**
     * True when every byte of [paddr, paddr+length) can be read or written one byte at a time
     * (RAM, or a device accepting 1-byte accesses). Split accesses check this before any side effect.
     */
    public boolean accessible(long paddr, int length) {
        Regions r = regions;
        for (int k = 0; k < length; k++) {
            long a = paddr + k;
            long off = a - ramBase;
            if (off >= 0 && off < ramSize && !inOverlay(r, a, 1)) continue;
            int i = find(r, a, 1);
            if (i < 0 || !r.devices[i].accepts(a - r.bases[i], 1)) return false;
        }
        return true;
    }

    /** The device mapped at paddr, or null (diagnostics, tests). */
    public MmioDevice deviceAt(long paddr) {
        Regions r = regions;
        int i = find(r, paddr, 1);
        return i < 0 ? null : r.devices[i];
    }

    /** The name of the region at paddr, or null. */
    public String regionNameAt(long paddr) {
        Regions r = regions;
        int i = find(r, paddr, 1);
        return i < 0 ? null : r.names[i];
    }

    // ---- code-page watch ----

    /**
     * Marks the RAM page holding paddr as holding translated code: harts' TLBs stop caching it in
     * their store views (existing store entries are dropped now), so every hart store to it takes
     * the slow path, which reports it to the {@link #setCodeWriteListener code-write listener}
     * after the write. Loads and fetches stay fast. Addresses outside RAM are ignored.
     *
     * <p>Dropping another hart's entries from this thread races with that hart filling one at the
     * same moment; as on hardware, cross-hart code modification needs FENCE.I on the executing
     * hart, which the translator handles by re-checking its own caches.
     */
    public void watchCodePage(long paddr) {
        long off = paddr - ramBase;
        if (off < 0 || off >= ramSize) return;
        int page = (int) (off >>> 12);
        long bit = 1L << (page & 63);
        if ((codePages.getAndUpdate(page >>> 6, w -> w | bit) & bit) != 0) return;
        anyCodePages = true;
        long pageOff = off & ~0xfffL;
        for (Tlb t : tlbs) t.dropStoreEntriesFor(pageOff);
    }

    /** Stops watching the RAM page holding paddr; store views may cache it again. */
    public void unwatchCodePage(long paddr) {
        long off = paddr - ramBase;
        if (off < 0 || off >= ramSize) return;
        int page = (int) (off >>> 12);
        long bit = 1L << (page & 63);
        codePages.getAndUpdate(page >>> 6, w -> w & ~bit);
    }

    /** True when the RAM page holding paddr is watched. */
    public boolean isCodePage(long paddr) {
        long off = paddr - ramBase;
        return anyCodePages && off >= 0 && off < ramSize && codeBit(off);
    }

    /** Receives (paddr, length) after every hart store, SC or AMO to a watched page. */
    public void setCodeWriteListener(GuestRam.WriteListener listener) {
        this.codeWriteListener = listener;
    }

    /** Called after a hart wrote [ramOffset, +size) of RAM outside the TLB fast path. */
    void ramStored(long ramOffset, int size) {
        if (!anyCodePages) return;
        if (codeBit(ramOffset) || codeBit(ramOffset + size - 1)) {
            codeWriteListener.written(ramBase + ramOffset, size);
        }
    }

    void register(Tlb tlb) { tlbs.add(tlb); }

    private boolean codeBit(long off) {
        int page = (int) (off >>> 12);
        return (codePages.get(page >>> 6) & (1L << (page & 63))) != 0;
    }

    private static boolean inOverlay(Regions r, long paddr, int size) {
        // Overlays are rare (HTIF tohost): one comparison keeps the common case cheap.
        return r.overlayLo != r.overlayHi && partlyInDevice(r, paddr, size);
    }

    /** An access that touches a device region at all must not be served from RAM. */
    private static boolean partlyInDevice(Regions r, long paddr, int size) {
        if (paddr + size <= r.overlayLo || paddr >= r.overlayHi) return false;
        for (int i = 0; i < r.bases.length; i++) {
            if (overlaps(paddr, size, r.bases[i], r.sizes[i])) return true;
        }
        return false;
    }

    /** Index of the region wholly containing [paddr, paddr+size), or -1. */
    private static int find(Regions r, long paddr, int size) {
        long[] bases = r.bases;
        int lo = 0, hi = bases.length - 1, at = -1;
        while (lo <= hi) { // last region with base <= paddr (unsigned)
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(bases[mid], paddr) <= 0) { at = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        if (at < 0) return -1;
        long off = paddr - bases[at];
        long sz = r.sizes[at];
        return Long.compareUnsigned(off, sz) < 0 && Long.compareUnsigned(size, sz - off) <= 0 ? at : -1;
    }

    private static boolean overlaps(long a, long aLen, long b, long bLen) {
        // Unsigned interval test: [a, a+aLen) and [b, b+bLen) intersect.
        return Long.compareUnsigned(a - b, bLen) < 0 || Long.compareUnsigned(b - a, aLen) < 0;
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }

    private static <T> T[] insert(T[] a, int at, T v, T[] out) {
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }
}
