package org.opennexus.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VirtioRngTest {
    private static byte[] run(long seed, int len) {
        TestDriver d = new TestDriver(new VirtioRng(new SplittableRandom(seed)));
        assertEquals(4, d.reg(VirtioMmio.DEVICE_ID));
        d.bringUp(0, 8);
        long buf = d.alloc(len);
        d.makeAvailable(d.chain(new long[] {buf}, new int[] {len}, new boolean[] {true}));
        d.notifyQueue(0);
        assertEquals(1, d.usedIdx());
        assertEquals(len, d.usedLen(0));
        return d.get(buf, len);
    }

    @Test
    void seededIsDeterministicAndFillsTheBuffer() {
        byte[] a = run(42, 5000);
        byte[] b = run(42, 5000);
        byte[] c = run(43, 5000);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
        int zeros = 0;
        for (byte x : a) {
            if (x == 0) zeros++;
        }
        assertTrue(zeros < 100, "about 5000/256 zero bytes expected, got " + zeros);
    }

    @Test
    void readableAndOutsideRamBuffersAreSkipped() {
        TestDriver d = new TestDriver(new VirtioRng(new SplittableRandom(7)));
        d.bringUp(0, 8);
        long in = d.alloc(16);
        long out = d.alloc(32);
        d.makeAvailable(d.chain(new long[] {in, 0x10, out}, new int[] {16, 32, 32}, new boolean[] {false, true, true}));
        d.notifyQueue(0);
        assertEquals(32, d.usedLen(0));
        assertArrayEquals(new byte[16], d.get(in, 16));
        assertFalse(d.needsReset());
    }
}
