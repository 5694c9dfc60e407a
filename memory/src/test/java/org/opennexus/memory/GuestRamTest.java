package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GuestRamTest {
    private final GuestRam ram = new GuestRam(0x8000_0000L, 1 << 20);

    @Test
    void littleEndianUnalignedAccess() {
        ram.storeLongAt(3, 0x1122_3344_5566_7788L);
        assertEquals(0x88, ram.loadByteAt(3) & 0xff);
        assertEquals(0x5566_7788, ram.loadIntAt(3));
        assertEquals(0x1122, ram.loadShortAt(9));
        assertEquals(0x3344_5566_7788_0000L, ram.loadLongAt(1));
        assertEquals(0x1122_3344_5566_7788L, ram.readAt(3, 8));
        assertEquals(0x7788L, ram.readAt(3, 2));
    }

    @Test
    void writeAtTruncatesToSize() {
        ram.writeAt(16, 8, -1L);
        ram.writeAt(16, 2, 0x1234_5678L);
        assertEquals(0xffff_ffff_ffff_5678L, ram.readAt(16, 8));
    }

    @Test
    void containsChecksBothEnds() {
        assertTrue(ram.contains(0x8000_0000L, 1 << 20));
        assertFalse(ram.contains(0x7fff_ffffL, 1));
        assertFalse(ram.contains(0x8000_0000L + (1 << 20) - 4, 8));
        assertFalse(ram.contains(0x8000_0000L, -1));
    }

    @Test
    void copyInReportsWritesAndRejectsOutOfRange() {
        long[] seen = new long[2];
        ram.setDmaListener((a, l) -> { seen[0] = a; seen[1] = l; });
        ram.copyIn(0x8000_1000L, new byte[] {1, 2, 3, 4}, 0, 4);
        assertArrayEquals(new long[] {0x8000_1000L, 4}, seen);
        assertEquals(0x0403_0201, ram.loadIntAt(0x1000));
        assertThrows(IndexOutOfBoundsException.class,
                () -> ram.copyIn(0x8000_0000L + (1 << 20) - 2, new byte[4], 0, 4));
    }

    @Test
    void rejectsSizesThatAreNotPages() {
        assertThrows(IllegalArgumentException.class, () -> new GuestRam(0, 1000));
    }
}
