package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;
import static org.opennexus.memory.PageTables.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Misaligned loads/stores are done in hardware (as QEMU 7.2 does), including page-crossing ones. */
class MisalignedTest {
    static final long RAM = 0x8000_0000L;
    static final long TABLES = RAM + 0x10_0000L;
    static final long P1 = RAM + 0x20_0000L, P2 = RAM + 0x35_0000L; // not contiguous

    final GuestRam ram = new GuestRam(RAM, 8 << 20);
    final PhysicalBus bus = new PhysicalBus(ram);
    final Mmu mmu = new Mmu(bus);
    final PageTables pt = new PageTables(ram, 3, TABLES);
    final long va = 0x40_0000L;

    MisalignedTest() {
        pmpAllowAll(mmu.pmp());
        pt.map(va, P1, 0, R | W);
        pt.map(va + 0x1000, P2, 0, R | W);
        mmu.setSatp(pt.satp(1));
        mmu.setPrivilege(Mmu.PRIV_S);
    }

    @Test
    void misalignedWithinAPage() {
        ram.storeLongAt(P1 - RAM + 0x10, 0x8877_6655_4433_2211L);
        ram.storeLongAt(P1 - RAM + 0x18, 0xffee_ddcc_bbaa_0099L);
        assertEquals(0x0099_8877_6655_4433L, mmu.load(va + 0x12, 8));
        assertEquals(0x5544_3322L, mmu.load(va + 0x11, 4));
        assertEquals(0x6655, mmu.load(va + 0x14, 2) & 0xffff);
        mmu.store(va + 0x13, 4, 0xa1b2_c3d4L);
        assertEquals(0x88a1_b2c3_d433_2211L, ram.loadLongAt(P1 - RAM + 0x10));
        assertEquals(0x88a1_b2c3_d433_2211L, mmu.load(va + 0x10, 8)); // and again via the TLB hit path
    }

    @Test
    void pageCrossingLoadAndStoreUseBothPhysicalPages() {
        for (int k = 0; k < 8; k++) {
            ram.storeByteAt(P1 - RAM + 0xffc + k, (byte) (0x10 + k));  // only 0xffc..0xfff are in P1
            ram.storeByteAt(P2 - RAM + k, (byte) (0x80 + k));
        }
        // bytes: P1[ffd..fff] = 11 12 13, P2[0..4] = 80 81 82 83 84
        assertEquals(0x8483_8281_8013_1211L, mmu.load(va + 0xffd, 8));
        assertEquals(0x8013_1211L, mmu.load(va + 0xffd, 4));
        assertEquals(0x8013, mmu.load(va + 0xfff, 2));
        mmu.store(va + 0xffe, 4, 0xa4a3_a2a1L);
        assertEquals((byte) 0xa1, ram.loadByteAt(P1 - RAM + 0xffe));
        assertEquals((byte) 0xa2, ram.loadByteAt(P1 - RAM + 0xfff));
        assertEquals((byte) 0xa3, ram.loadByteAt(P2 - RAM));
        assertEquals((byte) 0xa4, ram.loadByteAt(P2 - RAM + 1));
        assertEquals((byte) 0x82, ram.loadByteAt(P2 - RAM + 2));
    }

    @Test
    void faultOnTheSecondPageReportsTheSecondPartsAddressAndHasNoSideEffect() {
        long pte2 = pt.pteAddress(va + 0x1000, 0);
        pt.write(pte2, pt.read(pte2) & ~W); // second page read-only
        ram.storeLongAt(P1 - RAM + 0xff8, 0x1122_3344_5566_7788L);
        Trap t = assertThrows(Trap.class, () -> mmu.store(va + 0xffc, 8, -1L));
        assertEquals(Trap.STORE_PAGE_FAULT, t.cause);
        // priv 4.1.9 / QEMU: stval is the address of the portion that faulted, the second page
        assertEquals(va + 0x1000, t.tval);
        assertEquals(0x1122_3344_5566_7788L, ram.loadLongAt(P1 - RAM + 0xff8), "first page untouched");
        // unmapped second page: load fault at the second page's address
        pt.write(pte2, 0);
        mmu.sfenceVma(0, true, 0, true);
        t = assertThrows(Trap.class, () -> mmu.load(va + 0xffe, 4));
        assertEquals(Trap.LOAD_PAGE_FAULT, t.cause);
        assertEquals(va + 0x1000, t.tval);
    }

    @Test
    void pmpOnTheSecondPageIsCheckedBeforeAnyByteIsWritten() {
        Pmp pmp = mmu.pmp();
        pmp.writeAddr(0, (P2 >>> 2) | 0x1ff);          // NAPOT 4 KiB over P2: read-only
        pmp.writeAddr(1, -1L);
        pmp.writeCfg(0, 0x19 | (0x1fL << 8));
        ram.storeLongAt(P1 - RAM + 0xff8, 0);
        Trap t = assertThrows(Trap.class, () -> mmu.store(va + 0xffa, 8, -1L));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
        assertEquals(va + 0x1000, t.tval);   // the part on the read-only second page
        assertEquals(0, ram.loadLongAt(P1 - RAM + 0xff8));
        assertEquals(0, mmu.load(va + 0xffa, 8)); // reading both pages is allowed
    }

    @Test
    void misalignedMmioGoesToTheDeviceOnlyIfItAccepts() {
        PhysicalBusTest.Recorder strict = new PhysicalBusTest.Recorder(1, true);
        PhysicalBusTest.Recorder lax = new PhysicalBusTest.Recorder();
        bus.map("strict", 0x1000_0000L, 0x1000, strict);
        bus.map("lax", 0x1000_1000L, 0x1000, lax);
        mmu.setPrivilege(Mmu.PRIV_M); // Bare
        Trap t = assertThrows(Trap.class, () -> mmu.load(0x1000_0002L, 4));
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
        assertEquals(0x1000_0002L, t.tval);
        t = assertThrows(Trap.class, () -> mmu.store(0x1000_0001L, 2, 0));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
        assertTrue(strict.log.isEmpty());
        mmu.store(0x1000_1003L, 4, 0x55);
        assertEquals(List.of("w4@3=55"), lax.log);
    }

    @Test
    void pageCrossingIntoADeviceRefusingBytesFaultsBeforeAnySideEffect() {
        PhysicalBusTest.Recorder bytes = new PhysicalBusTest.Recorder();
        PhysicalBusTest.Recorder words = new PhysicalBusTest.Recorder(4, true);
        bus.map("bytes", RAM + 0x7f_f000L, 0x1000, bytes);  // overlays the last RAM page
        bus.map("words", RAM + 0x7f_d000L, 0x1000, words);
        mmu.setPrivilege(Mmu.PRIV_M); // Bare
        // RAM page 0x807f_e000 followed by a device accepting bytes: the crossing access is split
        mmu.store(RAM + 0x7f_effcL, 8, 0x0807_0605_0403_0201L);
        assertEquals(0x0403_0201L, ram.loadIntAt(0x7f_effcL));
        assertEquals(List.of("w1@0=5", "w1@1=6", "w1@2=7", "w1@3=8"), bytes.log);
        // RAM page 0x807f_c000 followed by a device refusing bytes: fault, RAM untouched
        ram.storeIntAt(0x7f_cffcL, 0x1234_5678);
        Trap t = assertThrows(Trap.class, () -> mmu.store(RAM + 0x7f_cffeL, 4, -1L));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
        assertEquals(RAM + 0x7f_d000L, t.tval);   // the part in the refusing device
        assertEquals(0x1234_5678, ram.loadIntAt(0x7f_cffcL));
        assertTrue(words.log.isEmpty());
        t = assertThrows(Trap.class, () -> mmu.load(RAM + 0x7f_cffeL, 4));
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
    }
}
