package org.opennexus.memory;

/**
 * Test helper: builds Sv39/Sv48 page tables by hand in guest RAM (PTE format of privileged spec
 * 1.12, 4.4.1: PPN at bits 53:10, flags in bits 7:0).
 */
final class PageTables {
    static final long V = 1, R = 2, W = 4, X = 8, U = 16, G = 32, A = 64, D = 128;

    final GuestRam ram;
    final int levels;
    final long root;
    private long next;

    /** levels 3 = Sv39, 4 = Sv48; tables are allocated from tableArea upwards. */
    PageTables(GuestRam ram, int levels, long tableArea) {
        this.ram = ram;
        this.levels = levels;
        this.next = tableArea;
        this.root = alloc();
    }

    long alloc() {
        long p = next;
        next += 4096;
        for (int k = 0; k < 4096; k += 8) write(p + k, 0);
        return p;
    }

    static long vpn(long vaddr, int level) { return (vaddr >>> (12 + 9 * level)) & 511; }

    /** Maps vaddr with a leaf at level (0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB, 3 = 512 GiB); V is added. Returns the PTE address. */
    long map(long vaddr, long paddr, int level, long flags) {
        long table = root;
        for (int i = levels - 1; i > level; i--) {
            long pteAddr = table + vpn(vaddr, i) * 8;
            long pte = read(pteAddr);
            if ((pte & V) == 0) {
                long t = alloc();
                write(pteAddr, ((t >>> 12) << 10) | V);
                table = t;
            } else {
                table = ((pte >>> 10) & ((1L << 44) - 1)) << 12;
            }
        }
        long pteAddr = table + vpn(vaddr, level) * 8;
        write(pteAddr, ((paddr >>> 12) << 10) | flags | V);
        return pteAddr;
    }

    /** Address of the PTE slot for vaddr at the given level (the path must exist). */
    long pteAddress(long vaddr, int level) {
        long table = root;
        for (int i = levels - 1; i > level; i--) {
            long pte = read(table + vpn(vaddr, i) * 8);
            table = ((pte >>> 10) & ((1L << 44) - 1)) << 12;
        }
        return table + vpn(vaddr, level) * 8;
    }

    long satp(int asid) {
        return ((long) (levels == 3 ? 8 : 9) << 60) | ((long) asid << 44) | (root >>> 12);
    }

    long read(long paddr) { return ram.loadLongAt(paddr - ram.base()); }
    void write(long paddr, long v) { ram.storeLongAt(paddr - ram.base(), v); }

    /** Lets S and U mode access all of physical memory (one NAPOT entry covering everything, RWX). */
    static void pmpAllowAll(Pmp pmp) {
        pmp.writeAddr(0, -1L);
        pmp.writeCfg(0, 0x1f);
    }
}
