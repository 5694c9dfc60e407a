package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;
import static org.opennexus.memory.PageTables.*;

import org.junit.jupiter.api.Test;

/** The software TLB must never let a stale translation or permission survive what the spec flushes (4.2.1). */
class TlbTest {
    static final long RAM = 0x8000_0000L;
    static final long TABLES = RAM + 0x10_0000L;
    static final long P1 = RAM + 0x20_0000L, P2 = RAM + 0x30_0000L;

    final GuestRam ram = new GuestRam(RAM, 8 << 20);
    final PhysicalBus bus = new PhysicalBus(ram);
    final Mmu mmu = new Mmu(bus);
    final PageTables pt = new PageTables(ram, 3, TABLES);

    TlbTest() {
        pmpAllowAll(mmu.pmp());
        ram.storeLongAt(P1 - RAM, 0x1111);
        ram.storeLongAt(P2 - RAM, 0x2222);
        mmu.setPrivilege(Mmu.PRIV_S);
    }

    @Test
    void hitsAreCachedUntilSfenceByAddress() {
        long va = 0x40_0000L;
        long pte = pt.map(va, P1, 0, R | W | A | D);
        mmu.setSatp(pt.satp(3));
        assertEquals(0x1111, mmu.load(va, 8));
        int slot = mmu.dataContext() + (int) ((va >>> 12) & (Tlb.SETS - 1));
        assertEquals(va >>> 12, mmu.tlb().loadTag(slot), "the load filled the documented slot");
        assertEquals(P1 - RAM, va + mmu.tlb().loadAddend(slot), "ram offset = vaddr + addend");
        pt.write(pte, ((P2 >>> 12) << 10) | V | R | W | A | D);
        // sfence.vma for another address need not flush this one; for this address it must
        mmu.sfenceVma(va, false, 0, true);
        assertEquals(0x2222, mmu.load(va, 8));
        mmu.store(va + 8, 8, 5);
        pt.write(pte, ((P1 >>> 12) << 10) | V | R | W | A | D);
        mmu.sfenceVma(va + 0xfff, false, 3, false); // any address in the page, the right ASID
        assertEquals(0x1111, mmu.load(va, 8));
        mmu.store(va + 16, 8, 6);
        assertEquals(6, ram.loadLongAt(P1 - RAM + 16), "the store view was flushed too");
    }

    @Test
    void sfenceByAsidFlushesThatAsidsNonGlobalEntries() {
        long va = 0x40_0000L;
        long pte = pt.map(va, P1, 0, R | W | X | A | D);
        mmu.setSatp(pt.satp(7));
        assertEquals(0x1111, mmu.load(va, 8));
        pt.write(pte, ((P2 >>> 12) << 10) | V | R | W | X | A | D);
        mmu.sfenceVma(0, true, 7, false);
        assertEquals(0x2222, mmu.load(va, 8));
        // by address and ASID
        pt.write(pte, ((P1 >>> 12) << 10) | V | R | W | X | A | D);
        mmu.sfenceVma(va, false, 7, false);
        assertEquals(0x1111, mmu.load(va, 8));
    }

    @Test
    void globalEntriesFallToAnAllAsidFence() {
        long va = 0x40_0000L;
        long pte = pt.map(va, P1, 0, R | W | G | A | D);
        mmu.setSatp(pt.satp(2));
        assertEquals(0x1111, mmu.load(va, 8));
        pt.write(pte, ((P2 >>> 12) << 10) | V | R | W | G | A | D);
        mmu.sfenceVma(va, false, 0, true);
        assertEquals(0x2222, mmu.load(va, 8));
        pt.write(pte, ((P1 >>> 12) << 10) | V | R | W | G | A | D);
        mmu.sfenceVma(0, true, 0, true);
        assertEquals(0x1111, mmu.load(va, 8));
    }

    @Test
    void globalBitOfANonLeafMakesTheSubtreeGlobal() {
        long va = 0x40_0000L;
        long pte = pt.map(va, P1, 0, R | W | A | D);
        long parent = pt.pteAddress(va, 1);
        pt.write(parent, pt.read(parent) | G);
        mmu.setSatp(pt.satp(2));
        assertEquals(0x1111, mmu.load(va, 8));
        pt.write(pte, ((P2 >>> 12) << 10) | V | R | W | A | D);
        mmu.sfenceVma(va, false, 0, true);
        assertEquals(0x2222, mmu.load(va, 8));
    }

    @Test
    void sfenceOfASuperpageFlushesEveryCachedPieceOfIt() {
        long va = 0x4000_0000L;
        long pte = pt.map(va, RAM + 0x40_0000L, 1, R | W | A | D);
        mmu.setSatp(pt.satp(1));
        ram.storeLongAt(0x40_0000L + 0x5008, 0xaaaa);
        assertEquals(0xaaaa, mmu.load(va + 0x5008, 8));    // caches the 4 KiB piece at +0x5000
        pt.write(pte, (((RAM + 0x60_0000L) >>> 12) << 10) | V | R | W | A | D);
        ram.storeLongAt(0x60_0000L + 0x5008, 0xbbbb);
        mmu.sfenceVma(va, false, 0, true);                  // fence names the superpage's first address
        assertEquals(0xbbbb, mmu.load(va + 0x5008, 8));
    }

    @Test
    void satpWriteSwitchesAddressSpaces() {
        long va = 0x40_0000L;
        pt.map(va, P1, 0, R | W | A | D);
        PageTables other = new PageTables(ram, 3, TABLES + 0x8_0000L);
        other.map(va, P2, 0, R | W | A | D);
        mmu.setSatp(pt.satp(1));
        assertEquals(0x1111, mmu.load(va, 8));
        mmu.setSatp(other.satp(1)); // even with the same ASID, a new root must not reuse old entries
        assertEquals(0x2222, mmu.load(va, 8));
        mmu.setSatp(0);             // Bare: va is a physical address now
        Trap t = assertThrows(Trap.class, () -> mmu.load(va, 8));
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
    }

    @Test
    void privilegeSumAndMxrChangesNeverUseStalePermissions() {
        long va = 0x40_0000L, xo = 0x50_0000L;
        pt.map(va, P1, 0, R | W | U | A | D);
        pt.map(xo, P2, 0, X | A);
        mmu.setSatp(pt.satp(1));
        mmu.setPrivilege(Mmu.PRIV_U);
        assertEquals(0x1111, mmu.load(va, 8));
        mmu.store(va, 8, 0x1111);
        mmu.setPrivilege(Mmu.PRIV_S); // SUM=0
        assertThrows(Trap.class, () -> mmu.load(va, 8));
        assertThrows(Trap.class, () -> mmu.store(va, 8, 0));
        mmu.setMstatus(Mmu.MSTATUS_SUM);
        assertEquals(0x1111, mmu.load(va, 8));
        mmu.setMstatus(0);
        Trap t = assertThrows(Trap.class, () -> mmu.load(va, 8));
        assertEquals(Trap.LOAD_PAGE_FAULT, t.cause);
        // MXR on then off
        mmu.setMstatus(Mmu.MSTATUS_MXR);
        assertEquals(0x2222, mmu.load(xo, 8));
        mmu.setMstatus(0);
        t = assertThrows(Trap.class, () -> mmu.load(xo, 8));
        assertEquals(Trap.LOAD_PAGE_FAULT, t.cause);
        // M-mode with MPRV=1/MPP=U then MPRV=0: Bare again
        mmu.setPrivilege(Mmu.PRIV_M);
        mmu.setMstatus(Mmu.MSTATUS_MPRV);
        assertEquals(0x1111, mmu.load(va, 8));
        mmu.setMstatus(0);
        assertThrows(Trap.class, () -> mmu.load(va, 8));
    }

    @Test
    void pmpChangesFlushCachedPages() {
        long va = 0x40_0000L;
        pt.map(va, P1, 0, R | W | A | D);
        mmu.setSatp(pt.satp(1));
        assertEquals(0x1111, mmu.load(va, 8));
        mmu.store(va, 8, 0x1111);
        // allow S only the page tables, nothing else
        Pmp pmp = mmu.pmp();
        pmp.writeAddr(0, (TABLES >>> 2) | ((0x10_0000L >>> 3) - 1));
        pmp.writeCfg(0, 0x1b); // NAPOT RW over the tables only
        Trap t = assertThrows(Trap.class, () -> mmu.load(va, 8));
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
        t = assertThrows(Trap.class, () -> mmu.store(va, 8, 0));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
    }

    @Test
    void deviceOverlayPagesAreNeverCachedAsRam() {
        long va = 0x40_0000L;
        PhysicalBusTest.Recorder dev = new PhysicalBusTest.Recorder();
        bus.map("tohost", P1 + 0x800, 8, dev);
        pt.map(va, P1, 0, R | W | A | D);
        mmu.setSatp(pt.satp(1));
        assertEquals(0x1111, mmu.load(va, 8));
        mmu.store(va + 0x800, 8, 1);
        mmu.store(va + 0x800, 8, 2);
        assertEquals(java.util.List.of("w8@0=1", "w8@0=2"), dev.log);
        for (int c = 0; c < Tlb.CONTEXTS; c++) {
            int i = c * Tlb.SETS + (int) ((va >>> 12) & (Tlb.SETS - 1));
            assertNotEquals(va >>> 12, mmu.tlb().loadTag(i));
            assertNotEquals(va >>> 12, mmu.tlb().storeTag(i));
        }
    }
}
