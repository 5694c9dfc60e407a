package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** LR/SC and AMOs ("A" extension, unprivileged spec ch. 8) with expected values computed by hand. */
class AtomicsTest {
    static final long RAM = 0x8000_0000L;
    final GuestRam ram = new GuestRam(RAM, 1 << 20);
    final PhysicalBus bus = new PhysicalBus(ram);
    final Mmu mmu = new Mmu(bus); // M-mode, Bare

    long amo(int op, int size, long memory, long operand, long expectMemory) {
        ram.storeLongAt(0x100, 0x7777_7777_7777_7777L); // canary around the word
        ram.writeAt(0x100, size, memory);
        long old = mmu.amo(op, RAM + 0x100, size, operand);
        assertEquals(expectMemory, ram.readAt(0x100, size), "memory after op " + op);
        if (size == 4) assertEquals(0x7777_7777, ram.loadIntAt(0x104), "AMO.W touched only 4 bytes");
        return old;
    }

    @Test
    void everyAmoWord() {
        assertEquals(0xffff_fff0L, amo(Mmu.AMO_SWAP, 4, 0xffff_fff0L, 5, 5));
        assertEquals(0x7fff_ffffL, amo(Mmu.AMO_ADD, 4, 0x7fff_ffffL, 1, 0x8000_0000L));
        assertEquals(0xffff_ffffL, amo(Mmu.AMO_ADD, 4, 0xffff_ffffL, 2, 1)); // wraps in 32 bits
        assertEquals(0x0f0fL, amo(Mmu.AMO_XOR, 4, 0x0f0f, 0x00ff, 0x0ff0));
        assertEquals(0x0f0fL, amo(Mmu.AMO_AND, 4, 0x0f0f, 0x00ff, 0x000f));
        assertEquals(0x0f0fL, amo(Mmu.AMO_OR, 4, 0x0f0f, 0x00ff, 0x0fff));
        // -2 vs 3: signed min -2, signed max 3, unsigned min 3, unsigned max 0xfffffffe
        assertEquals(0xffff_fffeL, amo(Mmu.AMO_MIN, 4, 0xffff_fffeL, 3, 0xffff_fffeL));
        assertEquals(0xffff_fffeL, amo(Mmu.AMO_MAX, 4, 0xffff_fffeL, 3, 3));
        assertEquals(0xffff_fffeL, amo(Mmu.AMO_MINU, 4, 0xffff_fffeL, 3, 3));
        assertEquals(3L, amo(Mmu.AMO_MAXU, 4, 3, 0xffff_fffeL, 0xffff_fffeL));
        // only the low 32 bits of the operand count for .W
        assertEquals(1L, amo(Mmu.AMO_MIN, 4, 1, 0x1_0000_0000L, 0));
    }

    @Test
    void everyAmoDoubleword() {
        assertEquals(-16L, amo(Mmu.AMO_SWAP, 8, -16L, 5, 5));
        assertEquals(Long.MAX_VALUE, amo(Mmu.AMO_ADD, 8, Long.MAX_VALUE, 1, Long.MIN_VALUE));
        assertEquals(0xff00L, amo(Mmu.AMO_XOR, 8, 0xff00, 0x0ff0, 0xf0f0));
        assertEquals(0xff00L, amo(Mmu.AMO_AND, 8, 0xff00, 0x0ff0, 0x0f00));
        assertEquals(0xff00L, amo(Mmu.AMO_OR, 8, 0xff00, 0x0ff0, 0xfff0));
        assertEquals(-2L, amo(Mmu.AMO_MIN, 8, -2, 3, -2));
        assertEquals(-2L, amo(Mmu.AMO_MAX, 8, -2, 3, 3));
        assertEquals(-2L, amo(Mmu.AMO_MINU, 8, -2, 3, 3));
        assertEquals(3L, amo(Mmu.AMO_MAXU, 8, 3, -2, -2));
        assertEquals(0x1_0000_0000L, amo(Mmu.AMO_MIN, 8, 0x1_0000_0000L, 0x1_0000_0001L, 0x1_0000_0000L));
    }

    @Test
    void lrScSucceedsOnceAndClearsTheReservation() {
        ram.storeLongAt(0x200, 0xffff_ffff_8000_0001L);
        assertEquals(0x8000_0001L, mmu.loadReserved(RAM + 0x200, 4), "LR.W is zero-extended");
        assertTrue(mmu.storeConditional(RAM + 0x200, 4, 0x42));
        assertEquals(0xffff_ffff_0000_0042L, ram.loadLongAt(0x200));
        assertFalse(mmu.storeConditional(RAM + 0x200, 4, 0x43), "the reservation is gone");
        assertEquals(0x42, ram.loadIntAt(0x200));
    }

    @Test
    void scFailsWithoutAMatchingReservation() {
        assertFalse(mmu.storeConditional(RAM + 0x300, 8, 1));
        assertEquals(0, ram.loadLongAt(0x300));
        mmu.loadReserved(RAM + 0x300, 8);
        assertFalse(mmu.storeConditional(RAM + 0x308, 8, 1), "other address");
        assertEquals(0, ram.loadLongAt(0x308));
        mmu.loadReserved(RAM + 0x300, 8);
        assertFalse(mmu.storeConditional(RAM + 0x300, 4, 1), "other size");
        mmu.loadReserved(RAM + 0x300, 8);
        mmu.clearReservation();
        assertFalse(mmu.storeConditional(RAM + 0x300, 8, 1), "cleared (trap/xRET)");
        assertEquals(0, ram.loadLongAt(0x300));
    }

    @Test
    void scFailsWhenAnotherHartChangedTheWord() {
        Mmu other = new Mmu(bus);
        mmu.loadReserved(RAM + 0x400, 8);
        other.amo(Mmu.AMO_ADD, RAM + 0x400, 8, 1);
        assertFalse(mmu.storeConditional(RAM + 0x400, 8, 9));
        assertEquals(1, ram.loadLongAt(0x400));
        // the other hart's own LR/SC pair is independent of ours
        assertEquals(1, other.loadReserved(RAM + 0x400, 8));
        assertEquals(1, mmu.loadReserved(RAM + 0x400, 8));
        assertTrue(other.storeConditional(RAM + 0x400, 8, 2));
        assertFalse(mmu.storeConditional(RAM + 0x400, 8, 3));
        assertEquals(2, ram.loadLongAt(0x400));
    }

    @Test
    void misalignedAtomicsTrap() {
        Trap t = assertThrows(Trap.class, () -> mmu.loadReserved(RAM + 0x502, 4));
        assertEquals(Trap.LOAD_ADDRESS_MISALIGNED, t.cause);
        assertEquals(RAM + 0x502, t.tval);
        t = assertThrows(Trap.class, () -> mmu.storeConditional(RAM + 0x504, 8, 0));
        assertEquals(Trap.STORE_ADDRESS_MISALIGNED, t.cause);
        t = assertThrows(Trap.class, () -> mmu.amo(Mmu.AMO_ADD, RAM + 0x501, 4, 1));
        assertEquals(Trap.STORE_ADDRESS_MISALIGNED, t.cause);
        assertEquals(RAM + 0x501, t.tval);
    }

    @Test
    void atomicsOnNonRamAreAccessFaults() {
        PhysicalBusTest.Recorder dev = new PhysicalBusTest.Recorder();
        bus.map("dev", 0x1000_0000L, 0x1000, dev);
        Trap t = assertThrows(Trap.class, () -> mmu.amo(Mmu.AMO_SWAP, 0x1000_0000L, 4, 1));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
        assertEquals(0x1000_0000L, t.tval);
        t = assertThrows(Trap.class, () -> mmu.loadReserved(0x1000_0008L, 8));
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
        t = assertThrows(Trap.class, () -> mmu.storeConditional(0x1000_0008L, 8, 0));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
        t = assertThrows(Trap.class, () -> mmu.amo(Mmu.AMO_ADD, 0x2000_0000L, 8, 1));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
        assertTrue(dev.log.isEmpty());
    }

    @Test
    void amoAddIsAtomicAcrossHostThreads() throws InterruptedException {
        final int perThread = 100_000;
        Thread[] threads = new Thread[2];
        for (int k = 0; k < threads.length; k++) {
            Mmu hart = new Mmu(bus);
            threads[k] = new Thread(() -> {
                for (int n = 0; n < perThread; n++) {
                    hart.amo(Mmu.AMO_ADD, RAM + 0x600, 8, 1);
                    // LR/SC increment loop on a second word
                    long v;
                    do {
                        v = hart.loadReserved(RAM + 0x608, 4);
                    } while (!hart.storeConditional(RAM + 0x608, 4, v + 1));
                }
            });
            threads[k].start();
        }
        for (Thread t : threads) t.join();
        assertEquals(2L * perThread, ram.loadLongAt(0x600));
        assertEquals(2 * perThread, ram.loadIntAt(0x608));
    }

    @Test
    void amoUsesTheTranslatedAddress() {
        GuestRam r = new GuestRam(RAM, 4 << 20);
        Mmu m = new Mmu(new PhysicalBus(r));
        PageTables pt = new PageTables(r, 3, RAM + 0x10_0000L);
        PageTables.pmpAllowAll(m.pmp());
        pt.map(0x1000, RAM + 0x20_0000L, 0, PageTables.R | PageTables.W);
        pt.map(0x2000, RAM + 0x21_0000L, 0, PageTables.R);
        m.setSatp(pt.satp(1));
        m.setPrivilege(Mmu.PRIV_S);
        r.storeLongAt(0x20_0008L, 10);
        assertEquals(10, m.amo(Mmu.AMO_ADD, 0x1008, 8, 5));
        assertEquals(15, r.loadLongAt(0x20_0008L));
        assertEquals(15, m.amo(Mmu.AMO_ADD, 0x1008, 8, 5)); // TLB hit path
        Trap t = assertThrows(Trap.class, () -> m.amo(Mmu.AMO_OR, 0x2000, 8, 1));
        assertEquals(Trap.STORE_PAGE_FAULT, t.cause, "AMOs on a read-only page are store page faults");
        assertEquals(0, m.loadReserved(0x2000, 8), "LR needs only read permission");
        t = assertThrows(Trap.class, () -> m.storeConditional(0x2000, 8, 1));
        assertEquals(Trap.STORE_PAGE_FAULT, t.cause);
    }
}
