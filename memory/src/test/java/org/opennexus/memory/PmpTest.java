package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** PMP (privileged spec 1.12, 3.7); expected ranges are computed by hand from the encodings in 3.7.1. */
class PmpTest {
    static final int M = 3, S = 1, U = 0;
    static final int OFF = 0, TOR = 1 << 3, NA4 = 2 << 3, NAPOT = 3 << 3, L = 0x80;
    static final int R = Pmp.R, W = Pmp.W, X = Pmp.X;

    int flushes;
    final Pmp pmp = new Pmp(() -> flushes++);

    @Test
    void noEntriesMachineAllowedOthersDenied() {
        assertTrue(pmp.allOff());
        assertTrue(pmp.check(0x8000_0000L, 8, M, R));
        assertTrue(pmp.check(0, 8, M, W));
        assertFalse(pmp.check(0x8000_0000L, 8, S, R));
        assertFalse(pmp.check(0x8000_0000L, 4, U, X));
    }

    @Test
    void torMatchesFromThePreviousAddress() {
        pmp.writeAddr(0, 0x8000_0000L >>> 2);
        pmp.writeAddr(1, 0x8000_1000L >>> 2);
        pmp.writeCfg(0, (long) (TOR | R | W) << 8); // entry 1 TOR [0x8000_0000, 0x8000_1000)
        assertTrue(pmp.check(0x8000_0000L, 8, S, R));
        assertTrue(pmp.check(0x8000_0ff8L, 8, U, W));
        assertFalse(pmp.check(0x8000_0ff8L, 8, S, X));
        assertFalse(pmp.check(0x8000_1000L, 1, S, R));
        assertFalse(pmp.check(0x7fff_fffcL, 4, S, R));
        // partial overlap at either end fails, even for M (3.7.1: all bytes must match)
        assertFalse(pmp.check(0x8000_0ffcL, 8, S, R));
        assertFalse(pmp.check(0x7fff_fffcL, 8, M, R));
        // entry 0 as TOR matches from address 0
        pmp.writeCfg(0, TOR | X);
        assertTrue(pmp.check(0x1000, 4, U, X));
        assertFalse(pmp.check(0x1000, 4, U, R));
    }

    @Test
    void emptyTorRangeMatchesNothing() {
        pmp.writeAddr(0, 0x2000 >>> 2);
        pmp.writeAddr(1, 0x1000 >>> 2);
        pmp.writeCfg(0, (long) (TOR | R) << 8);
        assertFalse(pmp.check(0x1800, 4, S, R));
        assertTrue(pmp.check(0x1800, 4, M, W));
    }

    @Test
    void na4AndNapotRanges() {
        pmp.writeAddr(0, 0x1000_0004L >>> 2);                    // NA4 [0x1000_0004, +4)
        pmp.writeAddr(1, (0x2000_0000L >>> 2) | 0x7ff);           // NAPOT, 11 trailing ones: 16 KiB
        pmp.writeAddr(2, 0x3000_0000L >>> 2);                     // NAPOT with 0 trailing ones: 8 bytes
        pmp.writeCfg(0, NA4 | R | ((long) (NAPOT | W | R) << 8) | ((long) (NAPOT | X) << 16));
        assertTrue(pmp.check(0x1000_0004L, 4, S, R));
        assertFalse(pmp.check(0x1000_0000L, 4, S, R));
        assertFalse(pmp.check(0x1000_0008L, 4, S, R));
        assertFalse(pmp.check(0x1000_0004L, 8, S, R));              // straddles the NA4 end
        assertTrue(pmp.check(0x2000_0000L, 8, S, W));
        assertTrue(pmp.check(0x2000_3ff8L, 8, S, W));
        assertFalse(pmp.check(0x2000_4000L, 4, S, R));
        assertFalse(pmp.check(0x1fff_fffcL, 4, S, R));
        assertTrue(pmp.check(0x3000_0000L, 8, U, X));
        assertFalse(pmp.check(0x3000_0008L, 4, U, X));
        assertFalse(pmp.check(0x3000_0004L, 8, U, X));
    }

    @Test
    void napotAllOnesCoversEverything() {
        pmp.writeAddr(0, -1L);
        assertEquals((1L << 54) - 1, pmp.readAddr(0), "pmpaddr is 54 bits on RV64");
        pmp.writeCfg(0, NAPOT | R | W | X);
        assertTrue(pmp.check(0, 8, U, R));
        assertTrue(pmp.check(0x8000_0000L, 8, S, W));
        assertTrue(pmp.check((1L << 56) - 8, 8, S, X));
    }

    @Test
    void lowestNumberedMatchWins() {
        pmp.writeAddr(0, (0x8000_0000L >>> 2) | 0x1ff);   // 4 KiB at 0x8000_0000, no permissions
        pmp.writeAddr(1, -1L);                             // everything, RWX
        pmp.writeCfg(0, NAPOT | ((long) (NAPOT | R | W | X) << 8));
        assertFalse(pmp.check(0x8000_0010L, 4, S, R));
        assertTrue(pmp.check(0x8000_1000L, 4, S, R));
        // an access overlapping entry 0 partially is decided (denied) by entry 0
        assertFalse(pmp.check(0x8000_0ffcL, 8, S, R));
        // M-mode ignores unlocked entries
        assertTrue(pmp.check(0x8000_0010L, 4, M, W));
    }

    @Test
    void lockedEntriesBindMachineModeAndIgnoreWrites() {
        pmp.writeAddr(0, (0x8000_0000L >>> 2) | 0x1ff);
        pmp.writeCfg(0, L | NAPOT | R);
        assertTrue(pmp.check(0x8000_0000L, 8, M, R));
        assertFalse(pmp.check(0x8000_0000L, 8, M, W));
        assertFalse(pmp.check(0x8000_0000L, 4, M, X));
        assertTrue(pmp.check(0x9000_0000L, 4, M, X), "M with no match still succeeds");
        // writes to a locked cfg byte and its pmpaddr are ignored; other bytes still change
        pmp.writeCfg(0, NAPOT | R | W | X | ((long) (NA4 | R) << 8));
        assertEquals(L | NAPOT | R, pmp.entryCfg(0));
        assertEquals(NA4 | R, pmp.entryCfg(1));
        pmp.writeAddr(0, 0);
        assertEquals((0x8000_0000L >>> 2) | 0x1ff, pmp.readAddr(0));
        assertEquals(((long) (NA4 | R) << 8) | (L | NAPOT | R), pmp.readCfg(0));
    }

    @Test
    void lockedTorAlsoLocksThePreviousAddress() {
        pmp.writeAddr(2, 0x100);
        pmp.writeAddr(3, 0x200);
        pmp.writeCfg(0, (long) (L | TOR | R) << 24); // entry 3 locked TOR
        pmp.writeAddr(2, 0x50);
        pmp.writeAddr(3, 0x50);
        assertEquals(0x100, pmp.readAddr(2));
        assertEquals(0x200, pmp.readAddr(3));
        pmp.writeAddr(1, 0x77); // entry 2 is not locked, so pmpaddr1 is writable
        assertEquals(0x77, pmp.readAddr(1));
        // a locked NAPOT does not protect pmpaddr[i-1]
        pmp.writeAddr(5, 0x10);
        pmp.writeCfg(0, ((long) (L | TOR | R) << 24) | ((long) (L | NAPOT | R) << 48)); // entry 6 locked NAPOT
        pmp.writeAddr(5, 0x11);
        assertEquals(0x11, pmp.readAddr(5));
    }

    @Test
    void cfgIsWarl() {
        pmp.writeCfg(0, 0x60 | NA4 | R);             // reserved bits 6:5
        assertEquals(NA4 | R, pmp.entryCfg(0));
        pmp.writeCfg(0, NAPOT | W | X);              // R=0, W=1 is reserved: W is cleared
        assertEquals(NAPOT | X, pmp.entryCfg(0));
        pmp.writeCfg(2, 0xffL);                      // pmpcfg2 holds entries 8..15
        assertEquals(0x9f, pmp.entryCfg(8));
        assertEquals(0x9fL, pmp.readCfg(2));
        pmp.writeCfg(1, -1L);                        // odd numbers do not exist on RV64
        assertEquals(0, pmp.readCfg(1));
        assertEquals(NAPOT | X, pmp.entryCfg(0));
        assertEquals(0, pmp.entryCfg(4));
        for (int idx = 4; idx <= 14; idx += 2) {              // entries 16..63 are not implemented
            pmp.writeCfg(idx, -1L);
            assertEquals(0, pmp.readCfg(idx));
        }
        for (int i = 16; i < 64; i++) {
            pmp.writeAddr(i, -1L);
            assertEquals(0, pmp.readAddr(i));
        }
    }

    @Test
    void effectiveChangesTellTheOwner() {
        int before = flushes;
        pmp.writeAddr(0, 0x1234);
        assertEquals(before + 1, flushes);
        pmp.writeCfg(0, NA4 | R);
        assertEquals(before + 2, flushes);
        pmp.writeCfg(0, NA4 | R); // no change
        assertEquals(before + 2, flushes);
    }

    @Test
    void mmuFillsTlbOnlyForUniformlyCoveredPages() {
        GuestRam ram = new GuestRam(0x8000_0000L, 1 << 20);
        Mmu mmu = new Mmu(new PhysicalBus(ram));
        Pmp p = mmu.pmp();
        p.writeAddr(0, 0x8000_0100L >>> 2);               // NA4 deny at 0x8000_0100
        p.writeAddr(1, -1L);
        p.writeCfg(0, NA4 | ((long) (NAPOT | R | W | X) << 8));
        mmu.setPrivilege(Mmu.PRIV_S);                     // Bare S-mode
        ram.storeLongAt(0x80, 42);
        assertEquals(42, mmu.load(0x8000_0080L, 8));
        assertEquals(42, mmu.load(0x8000_0080L, 8));      // still correct on the slow path
        Trap t = assertThrows(Trap.class, () -> mmu.load(0x8000_0100L, 4));
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
        assertEquals(0x8000_0100L, t.tval);
        t = assertThrows(Trap.class, () -> mmu.load(0x8000_00feL, 4)); // partially in the denied word
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
        int slot = mmu.dataContext() + 0x8_0000 % Tlb.SETS;
        assertEquals(Tlb.INVALID, mmu.tlb().loadTag(slot), "a partly covered page is never cached");
        assertEquals(0, mmu.load(0x8000_1000L, 8));
        int slot2 = mmu.dataContext() + 0x8_0001 % Tlb.SETS;
        assertEquals(0x8_0001L, mmu.tlb().loadTag(slot2), "a uniformly covered page is cached");
    }
}
