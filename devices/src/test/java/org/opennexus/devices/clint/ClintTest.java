package org.opennexus.devices.clint;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClintTest {
    private final boolean[] msip = new boolean[2];
    private final long[] cmp = {-2, -2};
    private final int[] cmpCalls = new int[2];
    private final AtomicLong clock = new AtomicLong(1000);
    private final Clint clint = new Clint(2, new ClintTarget() {
        @Override public void setMsip(int hart, boolean level) { msip[hart] = level; }
        @Override public void setMtimecmp(int hart, long value) { cmp[hart] = value; cmpCalls[hart]++; }
    }, clock::get);

    @Test
    void msipPerHart() {
        clint.write(4, 4, 0xffff_ffffL);
        assertTrue(msip[1]);
        assertFalse(msip[0]);
        assertEquals(1, clint.read(4, 4)); // only bit 0 exists
        clint.write(4, 4, 2);
        assertFalse(msip[1]);
        assertEquals(0, clint.read(4, 4));
        assertEquals(0, clint.read(8, 4)); // no hart 2
    }

    @Test
    void msipIsWordOnly() {
        assertFalse(clint.accepts(0, 8));
        assertFalse(clint.accepts(0, 1));
        assertFalse(clint.accepts(2, 4));
        clint.write(0, 8, 1);
        assertFalse(msip[0]);
    }

    @Test
    void mtimecmpForwardedAsWholeAndHalves() {
        clint.write(0x4008, 8, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, cmp[1]);
        assertEquals(0x1122_3344_5566_7788L, clint.read(0x4008, 8));
        clint.write(0x4000, 4, 0xdead_beefL);
        assertEquals(0xdead_beefL, cmp[0]); // high half was 0
        clint.write(0x4004, 4, 0x1);
        assertEquals(0x1_dead_beefL, cmp[0]);
        assertEquals(0xdead_beefL, clint.read(0x4000, 4));
        assertEquals(0x1, clint.read(0x4004, 4));
        assertEquals(0x1_dead_beefL, clint.mtimecmp(0));
    }

    @Test
    void mtimeReadsTheClock() {
        clock.set(0x1_0000_0005L);
        assertEquals(0x1_0000_0005L, clint.read(0xbff8, 8));
        assertEquals(5, clint.read(0xbff8, 4));
        assertEquals(1, clint.read(0xbffc, 4));
        assertTrue(clint.accepts(0xbff8, 8));
        assertFalse(clint.accepts(0xbffc, 8));
    }

    @Test
    void mtimeWriteAdjustsAnOffsetAndRearmsTimers() {
        clint.write(0xbff8, 8, 50_000);
        assertEquals(50_000, clint.mtime());
        assertEquals(1, cmpCalls[0]);
        assertEquals(1, cmpCalls[1]);
        clock.addAndGet(10);
        assertEquals(50_010, clint.read(0xbff8, 8));
        clint.write(0xbffc, 4, 2); // high half only
        assertEquals((2L << 32) | 50_010, clint.mtime());
    }

    @Test
    void resetZeroesMtime() {
        clock.set(777);
        clint.write(0x4000, 8, 5);
        clint.reset();
        assertEquals(0, clint.mtime());
        assertEquals(0, cmp[0]);
        clock.set(800);
        assertEquals(23, clint.read(0xbff8, 8));
    }
}
