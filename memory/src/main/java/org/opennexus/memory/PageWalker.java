package org.opennexus.memory;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The Sv39/Sv48 page-table walk of privileged spec 1.12, section 4.3.2 (as extended by 4.4/4.5),
 * with hardware A/D updates like QEMU: A is set on every access and D on stores by an atomic
 * compare-and-set on the PTE; when the PTE changed under us the walk restarts (4.3.2 step 7).
 *
 * <p>PTE reads are implicit S-mode accesses: they are PMP-checked for R (and W before an A/D
 * update) and must hit plain RAM; a failure is an access fault of the original access type
 * (3.7.1, 4.3.2 step 2). Results are left in fields to keep the walk allocation-free.
 */
final class PageWalker {
    static final int FETCH = 0, LOAD = 1, STORE = 2;

    static final long PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_G = 32, PTE_A = 64, PTE_D = 128;
    /** Bits 63:54: N (Svnapot), PBMT (Svpbmt) and reserved bits; none of those extensions exists here. */
    static final long PTE_RESERVED = 0xffc0_0000_0000_0000L;
    static final long PPN_MASK = (1L << 44) - 1;

    private static final int[] PAGE_FAULT = {Trap.INSTRUCTION_PAGE_FAULT, Trap.LOAD_PAGE_FAULT, Trap.STORE_PAGE_FAULT};
    private static final int[] ACCESS_FAULT = {Trap.INSTRUCTION_ACCESS_FAULT, Trap.LOAD_ACCESS_FAULT, Trap.STORE_ACCESS_FAULT};
    private static final VarHandle PTE = Atomics.LONG;

    private final PhysicalBus bus;
    private final Pmp pmp;
    private final MemorySegment segment;

    /** Test seam: runs between reading a leaf PTE and its A/D update (null in production). */
    Runnable beforeAdUpdate;

    /** Outputs of the last successful {@link #walk}. */
    int level;
    boolean global;

    PageWalker(PhysicalBus bus, Pmp pmp) {
        this.bus = bus;
        this.pmp = pmp;
        this.segment = bus.ram().segment();
    }

    static int pageFault(int access) { return PAGE_FAULT[access]; }
    static int accessFault(int access) { return ACCESS_FAULT[access]; }

    /**
     * Translates vaddr. levels is 3 (Sv39) or 4 (Sv48); priv is the effective privilege (0 U or
     * 1 S); faults carry tval.
     */
    long walk(long vaddr, int access, int priv, boolean sum, boolean mxr, int levels, long rootPaddr, long tval) {
        int vaBits = 12 + 9 * levels;
        long top = vaddr >> (vaBits - 1);
        if (top != 0 && top != -1) throw new Trap(PAGE_FAULT[access], tval); // not sign-extended (4.4.1)
        for (;;) {
            long a = rootPaddr;
            int i = levels - 1;
            boolean g = false;
            long pte, off;
            for (;;) {
                long pteAddr = a + (((vaddr >>> (12 + 9 * i)) & 511) << 3);
                if (!pmp.check(pteAddr, 8, 1, Pmp.R)) throw new Trap(ACCESS_FAULT[access], tval);
                off = bus.ramOffset(pteAddr, 8);
                if (off < 0) throw new Trap(ACCESS_FAULT[access], tval);
                pte = (long) PTE.getVolatile(segment, off);
                if ((pte & PTE_V) == 0 || (pte & (PTE_R | PTE_W)) == PTE_W || (pte & PTE_RESERVED) != 0) {
                    throw new Trap(PAGE_FAULT[access], tval); // step 3
                }
                g |= (pte & PTE_G) != 0; // a global non-leaf makes the whole subtree global (4.3.1)
                if ((pte & (PTE_R | PTE_X)) != 0) break; // leaf (step 4)
                if (--i < 0) throw new Trap(PAGE_FAULT[access], tval);
                a = ((pte >>> 10) & PPN_MASK) << 12;
            }
            if (!permitted(pte, access, priv, sum, mxr)) throw new Trap(PAGE_FAULT[access], tval); // step 5
            long ppn = (pte >>> 10) & PPN_MASK;
            if (i > 0 && (ppn & ((1L << (9 * i)) - 1)) != 0) throw new Trap(PAGE_FAULT[access], tval); // step 6
            long updated = pte | PTE_A | (access == STORE ? PTE_D : 0);
            if (updated != pte) { // step 7, done in hardware
                long pteAddr = bus.ram().base() + off;
                if (beforeAdUpdate != null) beforeAdUpdate.run();
                if (!pmp.check(pteAddr, 8, 1, Pmp.W)) throw new Trap(ACCESS_FAULT[access], tval);
                if (!PTE.compareAndSet(segment, off, pte, updated)) continue; // PTE changed: walk again
            }
            level = i;
            global = g;
            long pageMask = (1L << (12 + 9 * i)) - 1;
            return ((ppn << 12) & ~pageMask) | (vaddr & pageMask); // step 8
        }
    }

    /** Leaf permission check (4.3.1, 3.1.6.3 SUM/MXR). */
    private static boolean permitted(long pte, int access, int priv, boolean sum, boolean mxr) {
        boolean u = (pte & PTE_U) != 0;
        return switch (access) {
            case FETCH -> (pte & PTE_X) != 0 && (priv == 0 ? u : !u); // S never executes U pages
            case LOAD -> (priv == 0 ? u : !u || sum)
                    && ((pte & PTE_R) != 0 || mxr && (pte & PTE_X) != 0);
            default -> (priv == 0 ? u : !u || sum) && (pte & PTE_W) != 0;
        };
    }
}
