package org.opennexus.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random rings and register writes: the transport must never throw, whatever the guest does. */
class VirtioFuzzTest {
    @Test
    void garbageRingsNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(2024);
        int dead = 0;
        for (int round = 0; round < 300; round++) {
            MemoryBackend disk = new MemoryBackend(16, rnd.nextBoolean());
            TestDriver d = new TestDriver(new VirtioBlk(disk));
            d.bringUp(rnd.nextBoolean() ? VirtioMmio.VIRTIO_RING_F_INDIRECT_DESC : 0, 8);
            // random descriptors: addresses near RAM, random lengths, flags and next fields
            for (int i = 0; i < 8; i++) {
                long addr = rnd.nextInt(4) == 0 ? rnd.nextLong()
                        : TestDriver.BUF + rnd.nextInt(0x2000) - 0x100;
                int len = rnd.nextInt(3) == 0 ? rnd.nextInt() : rnd.nextInt(2048);
                d.writeDesc(TestDriver.DESC, i, addr, len, rnd.nextInt(8), rnd.nextInt(10));
            }
            // random request headers in the buffer area
            for (int i = 0; i < 64; i++) {
                d.ram.storeIntAt(TestDriver.BUF - TestDriver.RAM_BASE + 16L * i, rnd.nextInt(10));
                d.ram.storeLongAt(TestDriver.BUF - TestDriver.RAM_BASE + 16L * i + 8, rnd.nextLong(40) - 4);
            }
            int heads = 1 + rnd.nextInt(8);
            for (int i = 0; i < heads; i++) {
                d.makeAvailable(rnd.nextInt(9));
            }
            if (rnd.nextInt(10) == 0) {
                d.ram.storeShortAt(TestDriver.AVAIL + 2 - TestDriver.RAM_BASE, (short) rnd.nextInt());
            }
            d.notifyQueue(0);
            // random register writes afterwards
            for (int i = 0; i < 20; i++) {
                d.dev.write(rnd.nextInt(0x200), 1 << rnd.nextInt(4), rnd.nextLong());
                d.dev.read(rnd.nextInt(0x200), 1 << rnd.nextInt(4));
            }
            if (d.needsReset()) {
                dead++;
            }
            if (disk.readOnly) {
                assertEquals(0, disk.writes);
            }
        }
        assertTrue(dead > 0, "some garbage must have been detected as a ring error");
    }
}
