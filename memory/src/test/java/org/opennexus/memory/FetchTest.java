package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;
import static org.opennexus.memory.PageTables.*;

import org.junit.jupiter.api.Test;

/** Instruction fetch: 16-bit parcels, page-crossing 32-bit instructions, fetch from a ROM device. */
class FetchTest {
    static final long RAM = 0x8000_0000L;
    final GuestRam ram = new GuestRam(RAM, 4 << 20);
    final PhysicalBus bus = new PhysicalBus(ram);
    final Mmu mmu = new Mmu(bus);

    @Test
    void compressedAndFullInstructions() {
        ram.storeIntAt(0x100, 0x0010_0093); // addi x1, x0, 1
        ram.storeShortAt(0x104, (short) 0x4505); // c.li a0, 1
        ram.storeShortAt(0x106, (short) 0xffff);
        assertEquals(0x0010_0093, mmu.fetchInstruction(RAM + 0x100));
        assertEquals(0x4505, mmu.fetchInstruction(RAM + 0x104), "compressed parcel zero-extended");
        assertEquals(0x0010, mmu.fetchInstruction(RAM + 0x102), "0x0010 is a compressed parcel");
    }

    @Test
    void instructionCrossingAPageIsFetchedFromBothPages() {
        PageTables pt = new PageTables(ram, 3, RAM + 0x10_0000L);
        pmpAllowAll(mmu.pmp());
        long va = 0x40_0000L;
        pt.map(va, RAM + 0x20_0000L, 0, X);
        pt.map(va + 0x1000, RAM + 0x30_0000L, 0, X);
        mmu.setSatp(pt.satp(1));
        mmu.setPrivilege(Mmu.PRIV_S);
        ram.storeShortAt(0x20_0ffeL, (short) 0x0093);
        ram.storeShortAt(0x30_0000L, (short) 0x0010);
        assertEquals(0x0010_0093, mmu.fetchInstruction(va + 0xffe));
        assertEquals(0x0010_0093, mmu.fetchInstruction(va + 0xffe), "again through the TLB");
        assertEquals(RAM + 0x20_0ffeL, mmu.translateFetch(va + 0xffe));
        assertEquals(RAM + 0x30_0010L, mmu.translateFetch(va + 0x1010));
        Trap miss = assertThrows(Trap.class, () -> mmu.translateFetch(va + 0x2000));
        assertEquals(Trap.INSTRUCTION_PAGE_FAULT, miss.cause);
        // a compressed instruction at the end of a page does not touch the next page
        ram.storeShortAt(0x20_0ffeL, (short) 0x4505);
        long pte2 = pt.pteAddress(va + 0x1000, 0);
        pt.write(pte2, 0);
        mmu.sfenceVma(0, true, 0, true);
        assertEquals(0x4505, mmu.fetchInstruction(va + 0xffe));
        // a 32-bit one faults on the second half with tval = its address (pc + 2)
        ram.storeShortAt(0x20_0ffeL, (short) 0x0093);
        Trap t = assertThrows(Trap.class, () -> mmu.fetchInstruction(va + 0xffe));
        assertEquals(Trap.INSTRUCTION_PAGE_FAULT, t.cause);
        assertEquals(va + 0x1000, t.tval);
    }

    @Test
    void fetchFromRomDeviceAndUnmappedSpace() {
        bus.map("mrom", 0x1000, 0x1000, new MmioDevice() {
            @Override public long read(long offset, int size) { return offset == 0 ? 0x0297 : 0x0000; } // auipc t0, 0
            @Override public void write(long offset, int size, long value) { }
        });
        assertEquals(0x0000_0297, mmu.fetchInstruction(0x1000));
        Trap t = assertThrows(Trap.class, () -> mmu.fetchInstruction(0x3000));
        assertEquals(Trap.INSTRUCTION_ACCESS_FAULT, t.cause);
        assertEquals(0x3000, t.tval);
    }

    @Test
    void pmpExecutePermissionIsEnforced() {
        Pmp pmp = mmu.pmp();
        pmp.writeAddr(0, -1L);
        pmp.writeCfg(0, 0x1b); // NAPOT RW, no X
        mmu.setPrivilege(Mmu.PRIV_S);
        ram.storeIntAt(0, 0x13);
        Trap t = assertThrows(Trap.class, () -> mmu.fetchInstruction(RAM));
        assertEquals(Trap.INSTRUCTION_ACCESS_FAULT, t.cause);
        assertEquals(0x13, mmu.load(RAM, 4));
    }
}
