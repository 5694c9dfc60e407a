package org.opennexus.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Transport and split-ring behaviour, including every malformed-input case (virtio 1.2, 2.7 and 4.2.2). */
class VirtioMmioTest {
    private final TestDriver drv = new TestDriver(new VirtioRng(new SplittableRandom(1)));

    private int rngRequest(long buf, int len) {
        int head = drv.chain(new long[] {buf}, new int[] {len}, new boolean[] {true});
        drv.makeAvailable(head);
        drv.notifyQueue(0);
        return head;
    }

    @Test
    void featuresWithoutVersion1AreRefused() {
        assertFalse(drv.negotiate(0));
        assertEquals(VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER, drv.reg(VirtioMmio.STATUS));
    }

    @Test
    void unofferedFeaturesAreRefused() {
        assertFalse(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1 | (1L << 9)));
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
    }

    @Test
    void driverFeaturesAreFrozenAfterFeaturesOk() {
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        drv.reg(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        drv.reg(VirtioMmio.DRIVER_FEATURES, 0);
        drv.setupQueue(0, 4);
        drv.driverOk();
        long buf = drv.alloc(16);
        rngRequest(buf, 16);
        assertEquals(1, drv.usedIdx()); // still working: VERSION_1 stayed negotiated
    }

    @Test
    void wrongSizeRegisterAccessesAreHarmless() {
        assertEquals(0, drv.dev.read(0x000, 2));
        assertEquals(0, drv.dev.read(0x000, 8));
        assertEquals(0, drv.dev.read(0x002, 4));
        drv.dev.write(VirtioMmio.STATUS, 1, 1);
        assertEquals(0, drv.reg(VirtioMmio.STATUS));
        assertTrue(drv.dev.accepts(0x70, 1));
        assertEquals(0xffff_ffffL, drv.dev.read(VirtioMmio.SHM_LEN_LOW, 4)); // no shared memory
    }

    @Test
    void usedBufferInterruptAndAck() {
        drv.bringUp(0, 4);
        long buf = drv.alloc(64);
        rngRequest(buf, 64);
        assertEquals(1, drv.usedIdx());
        assertEquals(64, drv.usedLen(0));
        assertTrue(drv.irq.get());
        drv.ack(2); // acknowledging another bit leaves the used-buffer bit
        assertTrue(drv.irq.get());
        drv.ack(1);
        assertFalse(drv.irq.get());
    }

    @Test
    void noInterruptFlagSuppresses() {
        drv.bringUp(0, 4);
        drv.ram.storeShortAt(TestDriver.AVAIL - TestDriver.RAM_BASE, (short) VirtQueue.VIRTQ_AVAIL_F_NO_INTERRUPT);
        rngRequest(drv.alloc(8), 8);
        assertEquals(1, drv.usedIdx());
        assertFalse(drv.irq.get());
        assertEquals(0, drv.interruptStatus());
    }

    @Test
    void eventIdxUsedEvent() {
        drv.bringUp(VirtioMmio.VIRTIO_RING_F_EVENT_IDX, 4);
        long usedEvent = TestDriver.AVAIL + 4 + 2 * 4 - TestDriver.RAM_BASE;
        drv.ram.storeShortAt(usedEvent, (short) 1); // interrupt once used idx passes 1
        rngRequest(drv.alloc(8), 8);
        assertTrue(drv.irq.get()); // first decision always notifies (QEMU: signalled_used not valid yet)
        drv.ack(1);
        rngRequest(drv.alloc(8), 8); // used idx 1 -> 2 crosses used_event 1
        assertTrue(drv.irq.get());
        drv.ack(1);
        drv.ram.storeShortAt(usedEvent, (short) 5);
        rngRequest(drv.alloc(8), 8); // 2 -> 3 does not reach used_event + 1
        assertFalse(drv.irq.get());
        assertEquals(3, drv.usedIdx());
        // avail_event in the used ring tells the driver to notify for the next buffer
        assertEquals(3, drv.ram.loadShortAt(TestDriver.USED + 4 + 8 * 4 - TestDriver.RAM_BASE));
    }

    @Test
    void notifyBeforeDriverOkIsDeferred() {
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        drv.setupQueue(0, 4);
        rngRequest(drv.alloc(8), 8);
        assertEquals(0, drv.usedIdx());
        assertFalse(drv.irq.get());
        drv.driverOk();
        assertEquals(1, drv.usedIdx()); // processed once the driver is ready
        assertTrue(drv.irq.get());
    }

    @Test
    void loopingChainNeedsReset() {
        drv.bringUp(0, 4);
        long buf = drv.alloc(8);
        drv.writeDesc(TestDriver.DESC, 0, buf, 8, VirtQueue.VIRTQ_DESC_F_NEXT | VirtQueue.VIRTQ_DESC_F_WRITE, 1);
        drv.writeDesc(TestDriver.DESC, 1, buf, 8, VirtQueue.VIRTQ_DESC_F_NEXT | VirtQueue.VIRTQ_DESC_F_WRITE, 0);
        drv.makeAvailable(0);
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
        assertEquals(0, drv.usedIdx());
        assertEquals(VirtioMmio.INT_CONFIG_CHANGE, drv.interruptStatus());
        assertTrue(drv.irq.get());
        assertNotNull(drv.dev.lastError());
        // the device stays dead until reset
        rngRequest(drv.alloc(8), 8);
        assertEquals(0, drv.usedIdx());
    }

    @Test
    void resetRecoversFromNeedsReset() {
        loopingChainNeedsReset();
        drv.reg(VirtioMmio.STATUS, 0);
        assertEquals(0, drv.reg(VirtioMmio.STATUS));
        assertFalse(drv.irq.get());
        drv.ram.segment().fill((byte) 0);
        drv.availIdx = 0;
        drv.nextDesc = 0;
        drv.bringUp(0, 4);
        rngRequest(drv.alloc(8), 8);
        assertEquals(1, drv.usedIdx());
        assertFalse(drv.needsReset());
    }

    @Test
    void nextIndexOutOfRangeNeedsReset() {
        drv.bringUp(0, 4);
        drv.writeDesc(TestDriver.DESC, 0, drv.alloc(8), 8, VirtQueue.VIRTQ_DESC_F_NEXT | VirtQueue.VIRTQ_DESC_F_WRITE, 9);
        drv.makeAvailable(0);
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
    }

    @Test
    void headOutOfRangeNeedsReset() {
        drv.bringUp(0, 4);
        drv.makeAvailable(4);
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
    }

    @Test
    void availIndexJumpNeedsReset() {
        drv.bringUp(0, 4);
        drv.ram.storeShortAt(TestDriver.AVAIL + 2 - TestDriver.RAM_BASE, (short) 100);
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
    }

    @Test
    void readableAfterWritableNeedsReset() {
        drv.bringUp(0, 4);
        long b = drv.alloc(16);
        drv.makeAvailable(drv.chain(new long[] {b, b + 8}, new int[] {8, 8}, new boolean[] {true, false}));
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
    }

    @Test
    void indirectWithoutTheFeatureNeedsReset() {
        drv.bringUp(0, 4);
        long table = drv.alloc(16);
        drv.writeDesc(table, 0, drv.alloc(8), 8, VirtQueue.VIRTQ_DESC_F_WRITE, 0);
        drv.writeDesc(TestDriver.DESC, 0, table, 16, VirtQueue.VIRTQ_DESC_F_INDIRECT, 0);
        drv.makeAvailable(0);
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
    }

    @Test
    void loopInsideIndirectTableNeedsReset() {
        drv.bringUp(VirtioMmio.VIRTIO_RING_F_INDIRECT_DESC, 4);
        long table = drv.alloc(32);
        long buf = drv.alloc(8);
        drv.writeDesc(table, 0, buf, 8, VirtQueue.VIRTQ_DESC_F_NEXT | VirtQueue.VIRTQ_DESC_F_WRITE, 1);
        drv.writeDesc(table, 1, buf, 8, VirtQueue.VIRTQ_DESC_F_NEXT | VirtQueue.VIRTQ_DESC_F_WRITE, 0);
        drv.writeDesc(TestDriver.DESC, 0, table, 32, VirtQueue.VIRTQ_DESC_F_INDIRECT, 0);
        drv.makeAvailable(0);
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
    }

    @Test
    void indirectTableOutsideRamNeedsReset() {
        drv.bringUp(VirtioMmio.VIRTIO_RING_F_INDIRECT_DESC, 4);
        drv.writeDesc(TestDriver.DESC, 0, 0x10, 32, VirtQueue.VIRTQ_DESC_F_INDIRECT, 0);
        drv.makeAvailable(0);
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
    }

    @Test
    void queueSizeNotPowerOfTwoNeedsReset() {
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        drv.setupQueue(0, 3);
        assertTrue(drv.needsReset());
    }

    @Test
    void queueSizeAboveMaxNeedsReset() {
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        drv.setupQueue(0, 2048); // QueueNumMax is 1024
        assertTrue(drv.needsReset());
    }

    @Test
    void queueSizeZeroNeedsReset() {
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        drv.setupQueue(0, 0);
        assertTrue(drv.needsReset());
        assertEquals(0, drv.interruptStatus()); // no DRIVER_OK yet: no config-change notification
    }

    @Test
    void ringsOutsideRamNeedReset() {
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        drv.setupQueue(0, 4, 0x1000, TestDriver.AVAIL, TestDriver.USED);
        assertTrue(drv.needsReset());
        TestDriver d2 = new TestDriver(new VirtioRng(new SplittableRandom(1)));
        assertTrue(d2.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        d2.setupQueue(0, 4, TestDriver.DESC, TestDriver.AVAIL, TestDriver.RAM_BASE + (1 << 20) - 8);
        assertTrue(d2.needsReset());
    }

    @Test
    void misalignedRingNeedsReset() {
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        drv.setupQueue(0, 4, TestDriver.DESC + 8, TestDriver.AVAIL, TestDriver.USED);
        assertTrue(drv.needsReset());
    }

    @Test
    void queueRegistersReadBack() {
        drv.reg(VirtioMmio.QUEUE_SEL, 0);
        assertEquals(1024, drv.reg(VirtioMmio.QUEUE_NUM_MAX));
        assertTrue(drv.negotiate(VirtioMmio.VIRTIO_F_VERSION_1));
        drv.setupQueue(0, 4);
        assertEquals(1, drv.reg(VirtioMmio.QUEUE_READY));
        drv.reg(VirtioMmio.QUEUE_READY, 0);
        assertEquals(0, drv.reg(VirtioMmio.QUEUE_READY));
        drv.reg(VirtioMmio.QUEUE_NOTIFY, 7); // no such queue: ignored
        assertFalse(drv.needsReset());
    }
}
