package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;
import static org.opennexus.memory.PageTables.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Sv39/Sv48 walks (privileged spec 1.12, 4.3.2 / 4.4 / 4.5) on hand-built page tables. */
class PageWalkTest {
    static final long RAM = 0x8000_0000L;
    static final long TABLES = RAM + 0x10_0000L;
    static final long DATA = RAM + 0x20_0000L;

    final GuestRam ram = new GuestRam(RAM, 8 << 20);
    final PhysicalBus bus = new PhysicalBus(ram);
    final Mmu mmu = new Mmu(bus);

    PageTables setup(int levels) {
        PageTables pt = new PageTables(ram, levels, TABLES);
        pmpAllowAll(mmu.pmp());
        mmu.setSatp(pt.satp(1));
        mmu.setPrivilege(Mmu.PRIV_S);
        return pt;
    }

    void poke(long paddr, long v) { ram.storeLongAt(paddr - RAM, v); }
    long peek(long paddr) { return ram.loadLongAt(paddr - RAM); }

    static void assertTrap(int cause, long tval, Runnable r) {
        Trap t = assertThrows(Trap.class, r::run);
        assertEquals(cause, t.cause, "cause");
        assertEquals(tval, t.tval, "tval");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void fourKilobytePageTranslatesLoadsStoresAndFetches(int levels) {
        PageTables pt = setup(levels);
        long va = 0x1234_5000L;
        pt.map(va, DATA, 0, R | W | X);
        poke(DATA + 0x18, 0x0123_4567_89ab_cdefL);
        assertEquals(0x0123_4567_89ab_cdefL, mmu.load(va + 0x18, 8));
        assertEquals(0x89ab_cdefL, mmu.load(va + 0x18, 4));
        mmu.store(va + 0x20, 4, 0xdead_beefL);
        assertEquals(0xdead_beefL, peek(DATA + 0x20) & 0xffff_ffffL);
        poke(DATA + 0x100, 0x0000_0000_0010_0093L); // addi x1, x0, 1
        assertEquals(0x0010_0093, mmu.fetchInstruction(va + 0x100));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void superpagesMapTheLowBitsOfTheVirtualAddress(int levels) {
        PageTables pt = setup(levels);
        long va2m = 0x4000_0000L + 0x20_0000L * 3;     // 2 MiB aligned
        pt.map(va2m, RAM + 0x40_0000L, 1, R | W);       // 2 MiB aligned physical
        long va1g = 0x1_0000_0000L;                     // 1 GiB aligned (VPN[2] = 4)
        pt.map(va1g, RAM, 2, R | W);                    // 0x8000_0000 is 1 GiB aligned
        poke(RAM + 0x40_0000L + 0x1_2348L, 0x1111);
        assertEquals(0x1111, mmu.load(va2m + 0x1_2348L, 8));
        poke(RAM + 0x6_5438L, 0x2222);
        assertEquals(0x2222, mmu.load(va1g + 0x6_5438L, 8));
        mmu.store(va1g + 0x7f_f000L, 8, 0x3333);
        assertEquals(0x3333, peek(RAM + 0x7f_f000L));
    }

    @Test
    void sv48TerapageOf512GiB() {
        PageTables pt = setup(4);
        long va = 0x0000_0080_0000_0000L;   // VPN[3] = 1
        pt.map(va, 0, 3, R | W);              // maps physical 0 .. 512 GiB
        poke(RAM + 0x100, 0x4444);
        assertEquals(0x4444, mmu.load(va + RAM + 0x100, 8));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void misalignedSuperpageIsAPageFault(int levels) {
        PageTables pt = setup(levels);
        long va = 0x4000_0000L;
        pt.map(va, RAM + 0x1000, 1, R | W | X); // PPN[0] != 0 in a 2 MiB leaf
        assertTrap(Trap.LOAD_PAGE_FAULT, va + 8, () -> mmu.load(va + 8, 8));
        assertTrap(Trap.STORE_PAGE_FAULT, va + 8, () -> mmu.store(va + 8, 8, 0));
        assertTrap(Trap.INSTRUCTION_PAGE_FAULT, va + 8, () -> mmu.fetchInstruction(va + 8));
    }

    @Test
    void nonCanonicalAddressesAreAPageFault() {
        PageTables pt = setup(3);
        pt.map(0, DATA, 0, R | W | X);
        // Sv39: bits 63:39 must equal bit 38
        long bad = 0x0000_0080_0000_0000L; // bit 39 set, bit 38 clear
        assertTrap(Trap.LOAD_PAGE_FAULT, bad, () -> mmu.load(bad, 8));
        assertTrap(Trap.STORE_PAGE_FAULT, bad, () -> mmu.store(bad, 4, 0));
        assertTrap(Trap.INSTRUCTION_PAGE_FAULT, bad, () -> mmu.fetchInstruction(bad));
        long bad2 = 0xffff_ff00_0000_0000L & ~(1L << 38) | 0x10; // upper ones, bit 38 clear
        assertTrap(Trap.LOAD_PAGE_FAULT, bad2, () -> mmu.load(bad2, 1));
        // a valid high-half address walks normally (and here faults only because it is unmapped)
        long high = 0xffff_ffc0_0000_0000L;
        assertTrap(Trap.LOAD_PAGE_FAULT, high, () -> mmu.load(high, 8));
    }

    @Test
    void nonCanonicalSv48() {
        setup(4);
        long bad = 0x0001_0000_0000_0000L; // bit 48 set, bit 47 clear
        assertTrap(Trap.LOAD_PAGE_FAULT, bad, () -> mmu.load(bad, 8));
        long highHalf = 0xffff_8000_0000_0000L; // canonical in Sv48; VPN[3]=256 is unmapped
        assertTrap(Trap.LOAD_PAGE_FAULT, highHalf, () -> mmu.load(highHalf, 8));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void invalidAndReservedPtesArePageFaults(int levels) {
        PageTables pt = setup(levels);
        long va = 0x10_0000L;
        long pte = pt.map(va, DATA, 0, R | W | X);
        // V = 0
        pt.write(pte, pt.read(pte) & ~V);
        assertTrap(Trap.LOAD_PAGE_FAULT, va, () -> mmu.load(va, 8));
        assertTrap(Trap.STORE_PAGE_FAULT, va + 4, () -> mmu.store(va + 4, 4, 0));
        assertTrap(Trap.INSTRUCTION_PAGE_FAULT, va, () -> mmu.fetchInstruction(va));
        // W without R is reserved
        pt.write(pte, ((DATA >>> 12) << 10) | V | W);
        assertTrap(Trap.LOAD_PAGE_FAULT, va, () -> mmu.load(va, 8));
        assertTrap(Trap.STORE_PAGE_FAULT, va, () -> mmu.store(va, 8, 0));
        pt.write(pte, ((DATA >>> 12) << 10) | V | W | X);
        assertTrap(Trap.INSTRUCTION_PAGE_FAULT, va, () -> mmu.fetchInstruction(va));
        // bits 63:54 (N, PBMT, reserved) set without Svnapot/Svpbmt
        for (int bit = 54; bit < 64; bit++) {
            pt.write(pte, ((DATA >>> 12) << 10) | V | R | W | X | (1L << bit));
            int b = bit;
            assertThrows(Trap.class, () -> mmu.load(va, 8), "bit " + b);
        }
        // reserved bits in a non-leaf PTE too
        pt.write(pte, ((DATA >>> 12) << 10) | V | R | W | X);
        long parent = pt.pteAddress(va, 1);
        long saved = pt.read(parent);
        pt.write(parent, saved | (1L << 61));
        assertTrap(Trap.LOAD_PAGE_FAULT, va, () -> mmu.load(va, 8));
        pt.write(parent, saved);
        assertEquals(0, mmu.load(va, 8));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void pointerAtTheLastLevelIsAPageFault(int levels) {
        PageTables pt = setup(levels);
        long va = 0x20_0000L;
        long pte = pt.map(va, DATA, 0, R);
        pt.write(pte, ((DATA >>> 12) << 10) | V); // non-leaf at level 0
        assertTrap(Trap.LOAD_PAGE_FAULT, va, () -> mmu.load(va, 8));
    }

    @Test
    void permissionBitsAreEnforced() {
        PageTables pt = setup(3);
        long ro = 0x1000, xo = 0x2000, rw = 0x3000;
        pt.map(ro, DATA, 0, R);
        pt.map(xo, DATA + 0x1000, 0, X);
        pt.map(rw, DATA + 0x2000, 0, R | W);
        assertEquals(0, mmu.load(ro, 8));
        assertTrap(Trap.STORE_PAGE_FAULT, ro + 8, () -> mmu.store(ro + 8, 8, 1));
        assertTrap(Trap.INSTRUCTION_PAGE_FAULT, ro, () -> mmu.fetchInstruction(ro));
        assertTrap(Trap.LOAD_PAGE_FAULT, xo, () -> mmu.load(xo, 4));
        assertTrap(Trap.INSTRUCTION_PAGE_FAULT, rw, () -> mmu.fetchInstruction(rw));
        poke(DATA + 0x1000, 0x13); // nop
        assertEquals(0x13, mmu.fetchInstruction(xo));
    }

    @Test
    void userBitWithSumAndPrivilege() {
        PageTables pt = setup(3);
        long user = 0x5000, sup = 0x6000;
        pt.map(user, DATA, 0, R | W | X | U);
        pt.map(sup, DATA + 0x1000, 0, R | W | X);
        poke(DATA, 0x13);
        poke(DATA + 0x1000, 0x13);
        // S-mode, SUM=0: no access to U pages
        assertTrap(Trap.LOAD_PAGE_FAULT, user, () -> mmu.load(user, 8));
        assertTrap(Trap.STORE_PAGE_FAULT, user, () -> mmu.store(user, 8, 0));
        // SUM=1: loads and stores allowed, fetch still not (4.3.1 / 3.1.6.3)
        mmu.setMstatus(Mmu.MSTATUS_SUM);
        assertEquals(0x13, mmu.load(user, 8));
        mmu.store(user + 8, 8, 7);
        assertTrap(Trap.INSTRUCTION_PAGE_FAULT, user, () -> mmu.fetchInstruction(user));
        // U-mode: U pages only
        mmu.setPrivilege(Mmu.PRIV_U);
        assertEquals(7, mmu.load(user + 8, 8));
        assertEquals(0x13, mmu.fetchInstruction(user));
        assertTrap(Trap.LOAD_PAGE_FAULT, sup, () -> mmu.load(sup, 8));
        assertTrap(Trap.INSTRUCTION_PAGE_FAULT, sup, () -> mmu.fetchInstruction(sup));
        // SUM does not let U-mode touch S pages
        assertTrap(Trap.STORE_PAGE_FAULT, sup, () -> mmu.store(sup, 8, 0));
    }

    @Test
    void mxrMakesExecuteOnlyPagesReadable() {
        PageTables pt = setup(3);
        long xo = 0x7000;
        pt.map(xo, DATA, 0, X);
        poke(DATA, 0x99);
        assertTrap(Trap.LOAD_PAGE_FAULT, xo, () -> mmu.load(xo, 8));
        mmu.setMstatus(Mmu.MSTATUS_MXR);
        assertEquals(0x99, mmu.load(xo, 8));
        assertTrap(Trap.STORE_PAGE_FAULT, xo, () -> mmu.store(xo, 8, 0)); // MXR is for loads only
    }

    @Test
    void mprvTranslatesMachineLoadsAndStoresButNotFetches() {
        PageTables pt = setup(3);
        long va = 0x8000;
        pt.map(va, DATA, 0, R | W | U);
        poke(DATA, 0x5a);
        mmu.setPrivilege(Mmu.PRIV_M);
        // MPRV=0: M-mode is Bare; va 0x8000 is unmapped physical memory
        assertTrap(Trap.LOAD_ACCESS_FAULT, va, () -> mmu.load(va, 8));
        // MPRV=1, MPP=U: loads/stores use U-mode translation and permissions
        mmu.setMstatus(Mmu.MSTATUS_MPRV);
        assertEquals(0x5a, mmu.load(va, 8));
        mmu.store(va + 8, 8, 0xa5);
        assertEquals(0xa5, peek(DATA + 8));
        // MPRV=1, MPP=S, SUM=0: a U page is off limits
        mmu.setMstatus(Mmu.MSTATUS_MPRV | (1L << 11));
        assertTrap(Trap.LOAD_PAGE_FAULT, va, () -> mmu.load(va, 8));
        mmu.setMstatus(Mmu.MSTATUS_MPRV | (1L << 11) | Mmu.MSTATUS_SUM);
        assertEquals(0x5a, mmu.load(va, 8));
        // MPRV=1, MPP=M: Bare again
        mmu.setMstatus(Mmu.MSTATUS_MPRV | (3L << 11));
        assertEquals(0x5a, mmu.load(DATA, 8));
        // fetch never uses MPRV: physical DATA is fetched directly
        mmu.setMstatus(Mmu.MSTATUS_MPRV);
        poke(DATA + 0x10, 0x13);
        assertEquals(0x13, mmu.fetchInstruction(DATA + 0x10));
        assertTrap(Trap.INSTRUCTION_ACCESS_FAULT, va, () -> mmu.fetchInstruction(va));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void accessedAndDirtyBitsAreSetInHardware(int levels) {
        PageTables pt = setup(levels);
        long va = 0x9000;
        long pte = pt.map(va, DATA, 0, R | W | X);
        long parent = pt.pteAddress(va, 1);
        long parentBefore = pt.read(parent);
        mmu.load(va, 8);
        assertEquals(A, pt.read(pte) & (A | D), "a load sets A only");
        mmu.store(va, 8, 1);
        assertEquals(A | D, pt.read(pte) & (A | D), "a store sets D (store view miss after the load)");
        assertEquals(parentBefore, pt.read(parent), "non-leaf PTEs are left alone");
        // fetch sets A
        long pte2 = pt.map(va + 0x1000, DATA, 0, X);
        mmu.fetchInstruction(va + 0x1000);
        assertEquals(A, pt.read(pte2) & (A | D));
        // a leaf that already has A and D is not rewritten
        long pte3 = pt.map(va + 0x2000, DATA, 0, R | W | A | D | G);
        long before = pt.read(pte3);
        mmu.store(va + 0x2000, 8, 2);
        assertEquals(before, pt.read(pte3));
    }

    @Test
    void superpageDirtyBitIsSetOnItsLeaf() {
        PageTables pt = setup(3);
        long va = 0x4000_0000L;
        long pte = pt.map(va, RAM + 0x40_0000L, 1, R | W);
        mmu.store(va + 0x12_3450L, 8, 1);
        assertEquals(A | D, pt.read(pte) & (A | D));
    }

    @Test
    void pageTableOutsideRamIsAnAccessFaultOfTheAccessType() {
        setup(3);
        mmu.setSatp((8L << 60) | (0x1000_0000L >>> 12)); // root in unmapped physical space
        assertTrap(Trap.LOAD_ACCESS_FAULT, 0x1000, () -> mmu.load(0x1000, 8));
        assertTrap(Trap.STORE_ACCESS_FAULT, 0x1000, () -> mmu.store(0x1000, 8, 0));
        assertTrap(Trap.INSTRUCTION_ACCESS_FAULT, 0x1000, () -> mmu.fetchInstruction(0x1000));
        // a device is not page-table memory either
        bus.map("dev", 0x1000_0000L, 0x1000, new PhysicalBusTest.Recorder());
        assertTrap(Trap.LOAD_ACCESS_FAULT, 0x1000, () -> mmu.load(0x1000, 8));
    }

    @Test
    void pageTableAccessesArePmpCheckedAsSupervisor() {
        PageTables pt = setup(3);
        long va = 0xa000;
        pt.map(va, DATA, 0, R | W);
        // entry 0: deny the page-table area (locked-free, no permissions); entry 1: allow everything
        Pmp pmp = mmu.pmp();
        pmp.writeAddr(0, (TABLES >>> 2) | ((0x10_0000L >>> 3) - 1)); // NAPOT 1 MiB at TABLES
        pmp.writeAddr(1, -1L);
        pmp.writeCfg(0, (0x1fL << 8) | 0x18); // entry 0 NAPOT no perms, entry 1 NAPOT RWX
        assertTrap(Trap.LOAD_ACCESS_FAULT, va, () -> mmu.load(va, 8));
        assertTrap(Trap.STORE_ACCESS_FAULT, va, () -> mmu.store(va, 8, 0));
        // read-only page tables: the walk works but the A/D update needs a write
        pmp.writeCfg(0, (0x1fL << 8) | 0x19);
        assertTrap(Trap.LOAD_ACCESS_FAULT, va, () -> mmu.load(va, 8));
        long pte = pt.pteAddress(va, 0);
        pt.write(pte, pt.read(pte) | A | D);
        assertEquals(0, mmu.load(va, 8));
        mmu.store(va, 8, 3);
        assertEquals(3, peek(DATA));
    }

    @Test
    void hardwareDirtyUpdateNeverLosesAConcurrentPteChange() {
        PageTables pt = setup(3);
        long va = 0xb000;
        long pte = pt.map(va, DATA, 0, R | W);
        final long rsw = 1L << 8; // a software bit "another hart" sets between our PTE read and A/D update
        int[] calls = {0};
        mmu.walker.beforeAdUpdate = () -> {
            if (calls[0]++ == 0) pt.write(pte, pt.read(pte) | rsw);
        };
        mmu.store(va, 8, 1);
        assertEquals(2, calls[0], "the changed PTE forces a second walk");
        assertEquals(rsw | A | D, pt.read(pte) & (rsw | A | D), "neither the other change nor A/D is lost");
        // a concurrent change that revokes permission is honoured by the re-walk
        long pte2 = pt.map(va + 0x1000, DATA, 0, R | W);
        calls[0] = 0;
        mmu.walker.beforeAdUpdate = () -> {
            if (calls[0]++ == 0) pt.write(pte2, pt.read(pte2) & ~W);
        };
        assertTrap(Trap.STORE_PAGE_FAULT, va + 0x1000, () -> mmu.store(va + 0x1000, 8, 1));
        assertEquals(0, pt.read(pte2) & (A | D), "no A/D set on a PTE that no longer permits the store");
    }
}
