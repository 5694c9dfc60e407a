package org.opennexus.memory;

import java.lang.foreign.MemorySegment;

/**
 * One hart's view of memory: address translation (Bare, Sv39, Sv48), its software {@link Tlb}, its
 * {@link Pmp}, misaligned accesses done in hardware, LR/SC and AMOs. Not thread-safe: each hart
 * owns one and calls it from its own thread; RAM is shared and AMO/LR/SC are host-atomic.
 *
 * <p>Faults are thrown as {@link Trap} with tval = the faulting virtual address. The TLB contexts
 * are keyed by effective privilege and SUM, so {@link #setPrivilege} and SUM/MPRV/MPP changes need
 * no flush; MXR changes flush the load view, satp writes and PMP changes flush everything.
 */
public final class Mmu {
    public static final int AMO_SWAP = 0, AMO_ADD = 1, AMO_XOR = 2, AMO_AND = 3, AMO_OR = 4,
            AMO_MIN = 5, AMO_MAX = 6, AMO_MINU = 7, AMO_MAXU = 8;

    public static final int PRIV_U = 0, PRIV_S = 1, PRIV_M = 3;
    public static final int SATP_MODE_BARE = 0, SATP_MODE_SV39 = 8, SATP_MODE_SV48 = 9;

    static final long MSTATUS_SUM = 1L << 18, MSTATUS_MXR = 1L << 19, MSTATUS_MPRV = 1L << 17;
    static final int MSTATUS_MPP_SHIFT = 11;

    private static final int FETCH = PageWalker.FETCH, LOAD = PageWalker.LOAD, STORE = PageWalker.STORE;
    private static final int[] PMP_PERM = {Pmp.X, Pmp.R, Pmp.W};

    private final PhysicalBus bus;
    private final GuestRam ram;
    private final MemorySegment segment;
    private final Tlb tlb = new Tlb();
    private final Pmp pmp;
    final PageWalker walker; // package-private for tests

    private int priv = PRIV_M;
    private long mstatus;
    private int satpMode;
    private int asid;
    private long rootPaddr;
    private int levels;

    /** Derived state: effective privilege and flags for loads/stores (MPRV applied), context blocks. */
    private int dataPriv = PRIV_M;
    private boolean sum, mxr;
    private int dataCtx = Tlb.CTX_M, fetchCtx = Tlb.CTX_M;

    /** LR reservation: RAM offset (-1 none), size and the value LR read. */
    private long resOffset = -1;
    private int resSize;
    private long resValue;

    public Mmu(PhysicalBus bus) {
        this.bus = bus;
        this.ram = bus.ram();
        this.segment = ram.segment();
        this.pmp = new Pmp(tlb::flushAll);
        this.walker = new PageWalker(bus, pmp);
        bus.register(tlb);
    }

    public PhysicalBus bus() { return bus; }
    public Pmp pmp() { return pmp; }
    /** This hart's TLB; its public arrays are for the translator's inlined hit path. */
    public Tlb tlb() { return tlb; }
    /** The RAM segment every TLB addend is relative to. */
    public MemorySegment ramSegment() { return segment; }
    /** Context block (index offset into the TLB arrays) for loads and stores right now. */
    public int dataContext() { return dataCtx; }

    /** The load view of the TLB for the current data context (see {@link Tlb#load}). */
    public long[] loadEntries() { return tlb.load[dataCtx / Tlb.SETS]; }

    /** The store view of the TLB for the current data context (see {@link Tlb#store}). */
    public long[] storeEntries() { return tlb.store[dataCtx / Tlb.SETS]; }
    /** Context block for instruction fetch right now. */
    public int fetchContext() { return fetchCtx; }
    public int privilege() { return priv; }

    // ---- translation-relevant hart state ----

    public void setPrivilege(int priv) {
        this.priv = priv;
        recompute();
    }

    /** Uses MPRV, MPP, SUM and MXR; other bits are ignored. */
    public void setMstatus(long mstatus) {
        boolean oldMxr = (this.mstatus & MSTATUS_MXR) != 0;
        this.mstatus = mstatus;
        if (oldMxr != ((mstatus & MSTATUS_MXR) != 0)) tlb.flushLoads();
        recompute();
    }

    /** satp as legalised by the hart: MODE 0 Bare, 8 Sv39, 9 Sv48. Flushes the TLB. */
    public void setSatp(long satp) {
        int mode = (int) (satp >>> 60);
        satpMode = mode == SATP_MODE_SV39 || mode == SATP_MODE_SV48 ? mode : SATP_MODE_BARE;
        levels = satpMode == SATP_MODE_SV48 ? 4 : 3;
        asid = (int) (satp >>> 44) & 0xffff;
        rootPaddr = (satp & PageWalker.PPN_MASK) << 12;
        tlb.flushAll();
    }

    /** SFENCE.VMA (4.2.1): rs1=x0 means allAddresses, rs2=x0 means allAsids. */
    public void sfenceVma(long vaddr, boolean allAddresses, int asid, boolean allAsids) {
        tlb.sfence(vaddr, allAddresses, asid, allAsids);
    }

    public void flushAll() { tlb.flushAll(); }

    private void recompute() {
        boolean mprv = (mstatus & MSTATUS_MPRV) != 0;
        int mpp = (int) (mstatus >>> MSTATUS_MPP_SHIFT) & 3;
        dataPriv = priv == PRIV_M && mprv ? mpp : priv; // 3.1.6.3: MPRV affects loads/stores only
        if (dataPriv == 2) dataPriv = PRIV_U; // MPP=2 is illegal; the hart never stores it
        sum = (mstatus & MSTATUS_SUM) != 0;
        mxr = (mstatus & MSTATUS_MXR) != 0;
        dataCtx = switch (dataPriv) {
            case PRIV_U -> Tlb.CTX_U;
            case PRIV_S -> sum ? Tlb.CTX_S_SUM : Tlb.CTX_S;
            default -> Tlb.CTX_M;
        };
        fetchCtx = switch (priv) {
            case PRIV_U -> Tlb.CTX_U;
            case PRIV_S -> Tlb.CTX_S;
            default -> Tlb.CTX_M;
        };
    }

    // ---- guest accesses ----

    /** Zero-extended load of 1/2/4/8 bytes; misaligned and page-crossing loads are done in hardware. */
    public long load(long vaddr, int size) {
        long[] e = tlb.load[dataCtx / Tlb.SETS];
        int j = ((int) (vaddr >>> 12) & (Tlb.SETS - 1)) << 1;
        if (e[j] == (vaddr + size - 1) >>> 12) return ram.readAt(vaddr + e[j + 1], size);
        return loadSlow(vaddr, size);
    }

    public void store(long vaddr, int size, long value) {
        long[] e = tlb.store[dataCtx / Tlb.SETS];
        int j = ((int) (vaddr >>> 12) & (Tlb.SETS - 1)) << 1;
        if (e[j] == (vaddr + size - 1) >>> 12) {
            ram.writeAt(vaddr + e[j + 1], size, value);
            return;
        }
        storeSlow(vaddr, size, value);
    }

    /**
     * Fetches the instruction at the 2-aligned pc: the 16-bit parcel zero-extended when it is
     * compressed, else the 32-bit instruction. A 32-bit instruction crossing a page boundary
     * fetches both halves; a fault on the second half reports tval = pc + 2.
     */
    public int fetchInstruction(long pc) {
        int i = fetchCtx + ((int) (pc >>> 12) & (Tlb.SETS - 1));
        if (tlb.fetchTag[i] == pc >>> 12) {
            long off = pc + tlb.fetchAddend[i];
            if ((pc & 0xfff) <= 0xffc) {
                int w = ram.loadIntAt(off);
                return (w & 3) == 3 ? w : w & 0xffff;
            }
            int lo = ram.loadShortAt(off) & 0xffff;
            return (lo & 3) != 3 ? lo : lo | (fetchParcel(pc + 2) << 16);
        }
        int lo = fetchParcel(pc);
        return (lo & 3) != 3 ? lo : lo | (fetchParcel(pc + 2) << 16);
    }

    /**
     * The physical address instruction fetch would use for pc (for a translator keying code by
     * physical address). Faults exactly like a fetch of the parcel at pc would.
     */
    public long translateFetch(long pc) {
        int i = fetchCtx + ((int) (pc >>> 12) & (Tlb.SETS - 1));
        if (tlb.fetchTag[i] == pc >>> 12) return ram.base() + pc + tlb.fetchAddend[i];
        return translate(pc, FETCH, 2, pc);
    }

    /** LR.W/LR.D: zero-extended value; records a reservation. */
    public long loadReserved(long vaddr, int size) {
        if ((vaddr & (size - 1)) != 0) throw new Trap(Trap.LOAD_ADDRESS_MISALIGNED, vaddr);
        long off = atomicOffset(vaddr, size, LOAD);
        long v = Atomics.loadVolatile(segment, off, size);
        resOffset = off;
        resSize = size;
        resValue = v;
        return v;
    }

    /**
     * SC.W/SC.D: succeeds only if this hart's reservation covers exactly (paddr, size) and memory
     * still holds the value LR read (host compare-and-set). Always clears the reservation.
     */
    public boolean storeConditional(long vaddr, int size, long value) {
        if ((vaddr & (size - 1)) != 0) throw new Trap(Trap.STORE_ADDRESS_MISALIGNED, vaddr);
        long off = atomicOffset(vaddr, size, STORE);
        boolean ok = resOffset == off && resSize == size
                && Atomics.compareAndSet(segment, off, size, resValue, value);
        resOffset = -1;
        if (ok) bus.ramStored(off, size);
        return ok;
    }

    /** AMO*.W/D: returns the old value zero-extended. */
    public long amo(int op, long vaddr, int size, long operand) {
        if (op < AMO_SWAP || op > AMO_MAXU) throw new IllegalArgumentException("AMO op " + op);
        if ((vaddr & (size - 1)) != 0) throw new Trap(Trap.STORE_ADDRESS_MISALIGNED, vaddr);
        long off = atomicOffset(vaddr, size, STORE);
        long old = Atomics.amo(segment, off, size, op, operand);
        bus.ramStored(off, size);
        return old;
    }

    public void clearReservation() { resOffset = -1; }

    // ---- slow paths ----

    private long loadSlow(long vaddr, int size) {
        long pageOff = vaddr & 0xfff;
        if (pageOff + size <= 4096) {
            long paddr = translate(vaddr, LOAD, size, vaddr);
            try {
                return bus.read(paddr, size, Trap.LOAD_ACCESS_FAULT);
            } catch (Trap t) {
                throw new Trap(t.cause, vaddr);
            }
        }
        // Page-crossing: translate (and PMP-check) both pages first, then read byte by byte.
        int n1 = (int) (4096 - pageOff);
        long p1 = translate(vaddr, LOAD, n1, vaddr);
        long p2 = translate(vaddr + n1, LOAD, size - n1, vaddr + n1);
        checkBytes(p1, n1, p2, size - n1, Trap.LOAD_ACCESS_FAULT, vaddr);
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            long pa = k < n1 ? p1 + k : p2 + (k - n1);
            v = (v << 8) | bus.read(pa, 1, Trap.LOAD_ACCESS_FAULT);
        }
        return v;
    }

    private void storeSlow(long vaddr, int size, long value) {
        long pageOff = vaddr & 0xfff;
        if (pageOff + size <= 4096) {
            long paddr = translate(vaddr, STORE, size, vaddr);
            try {
                bus.write(paddr, size, value, Trap.STORE_ACCESS_FAULT);
            } catch (Trap t) {
                throw new Trap(t.cause, vaddr);
            }
            return;
        }
        int n1 = (int) (4096 - pageOff);
        long p1 = translate(vaddr, STORE, n1, vaddr);
        long p2 = translate(vaddr + n1, STORE, size - n1, vaddr + n1);
        checkBytes(p1, n1, p2, size - n1, Trap.STORE_ACCESS_FAULT, vaddr);
        for (int k = 0; k < size; k++) {
            long pa = k < n1 ? p1 + k : p2 + (k - n1);
            bus.write(pa, 1, value >>> (8 * k), Trap.STORE_ACCESS_FAULT);
        }
    }

    /**
     * Makes sure every byte of a split access is accessible before any side effect happens. The
     * fault reports the virtual address of the part that failed (priv 4.1.9: stval holds "the
     * portion of the access that caused the fault"), as QEMU does.
     */
    private void checkBytes(long p1, int n1, long p2, int n2, int cause, long vaddr) {
        if (!bus.accessible(p1, n1)) throw new Trap(cause, vaddr);
        if (!bus.accessible(p2, n2)) throw new Trap(cause, vaddr + n1);
    }

    private int fetchParcel(long va) {
        int i = fetchCtx + ((int) (va >>> 12) & (Tlb.SETS - 1));
        if (tlb.fetchTag[i] == va >>> 12) return ram.loadShortAt(va + tlb.fetchAddend[i]) & 0xffff;
        long paddr = translate(va, FETCH, 2, va);
        try {
            return (int) bus.read(paddr, 2, Trap.INSTRUCTION_ACCESS_FAULT);
        } catch (Trap t) {
            throw new Trap(t.cause, va);
        }
    }

    /** RAM offset for an aligned LR/SC/AMO; non-RAM is an access fault (5 for LR, 7 otherwise). */
    private long atomicOffset(long vaddr, int size, int access) {
        long[] e = (access == LOAD ? tlb.load : tlb.store)[dataCtx / Tlb.SETS];
        int j = ((int) (vaddr >>> 12) & (Tlb.SETS - 1)) << 1;
        if (e[j] == vaddr >>> 12) return vaddr + e[j + 1];
        long paddr = translate(vaddr, access, size, vaddr);
        long off = bus.ramOffset(paddr, size);
        if (off < 0) throw new Trap(PageWalker.accessFault(access), vaddr);
        return off;
    }

    /**
     * Translates vaddr for an access of len bytes (all in one page), checks PMP on them, and fills
     * the TLB view when the whole page is plain RAM uniformly allowed by PMP.
     */
    private long translate(long vaddr, int access, int len, long tval) {
        int p = access == FETCH ? priv : dataPriv;
        long paddr;
        int level;
        boolean global;
        if (p == PRIV_M || satpMode == SATP_MODE_BARE) {
            paddr = vaddr;
            level = 0;
            global = true;
        } else {
            paddr = walker.walk(vaddr, access, p, access != FETCH && sum, access == LOAD && mxr,
                    levels, rootPaddr, tval);
            level = walker.level;
            global = walker.global;
        }
        int perm = PMP_PERM[access];
        long page = paddr & ~0xfffL;
        if (pmp.check(page, 4096, p, perm)) {
            long off = bus.ramOffset(page, 4096);
            if (off >= 0 && !(access == STORE && bus.isCodePage(page))) {
                tlb.fill(access, access == FETCH ? fetchCtx : dataCtx, vaddr, off, asid, global, level);
            }
            return paddr;
        }
        if (!pmp.check(paddr, len, p, perm)) throw new Trap(PageWalker.accessFault(access), tval);
        return paddr;
    }
}
