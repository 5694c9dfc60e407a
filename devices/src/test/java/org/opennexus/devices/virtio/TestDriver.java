package org.opennexus.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicBoolean;
import org.opennexus.memory.GuestRam;

/**
 * A hand-written virtio-mmio driver for tests, following the initialization sequence of
 * virtio 1.2 section 3.1.1 and the split-ring layout of section 2.7, entirely in guest RAM.
 */
final class TestDriver {
    static final long RAM_BASE = 0x8000_0000L;
    static final long DESC = RAM_BASE + 0x1000;
    static final long AVAIL = RAM_BASE + 0x3000;
    static final long USED = RAM_BASE + 0x4000;
    static final long BUF = RAM_BASE + 0x10000;

    final GuestRam ram = new GuestRam(RAM_BASE, 1 << 20);
    final AtomicBoolean irq = new AtomicBoolean();
    final VirtioMmio dev;
    int qsize;
    int availIdx;
    int nextDesc;
    long bufNext = BUF;

    TestDriver(VirtioDevice device) {
        dev = new VirtioMmio(ram, irq::set, device);
    }

    int reg(int off) { return (int) dev.read(off, 4); }
    void reg(int off, long v) { dev.write(off, 4, v); }

    long deviceFeatures() {
        reg(VirtioMmio.DEVICE_FEATURES_SEL, 0);
        long lo = reg(VirtioMmio.DEVICE_FEATURES) & 0xffff_ffffL;
        reg(VirtioMmio.DEVICE_FEATURES_SEL, 1);
        long hi = reg(VirtioMmio.DEVICE_FEATURES) & 0xffff_ffffL;
        return hi << 32 | lo;
    }

    /** Steps 1-6 of section 3.1.1; returns whether the device kept FEATURES_OK. */
    boolean negotiate(long features) {
        reg(VirtioMmio.STATUS, 0);
        reg(VirtioMmio.STATUS, VirtioMmio.STATUS_ACKNOWLEDGE);
        reg(VirtioMmio.STATUS, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER);
        reg(VirtioMmio.DRIVER_FEATURES_SEL, 0);
        reg(VirtioMmio.DRIVER_FEATURES, features & 0xffff_ffffL);
        reg(VirtioMmio.DRIVER_FEATURES_SEL, 1);
        reg(VirtioMmio.DRIVER_FEATURES, features >>> 32);
        reg(VirtioMmio.STATUS, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER | VirtioMmio.STATUS_FEATURES_OK);
        return (reg(VirtioMmio.STATUS) & VirtioMmio.STATUS_FEATURES_OK) != 0;
    }

    void setupQueue(int q, int size) {
        setupQueue(q, size, DESC, AVAIL, USED);
    }

    void setupQueue(int q, int size, long desc, long avail, long used) {
        reg(VirtioMmio.QUEUE_SEL, q);
        assertEquals(0, reg(VirtioMmio.QUEUE_READY));
        reg(VirtioMmio.QUEUE_NUM, size);
        reg(VirtioMmio.QUEUE_DESC_LOW, desc & 0xffff_ffffL);
        reg(VirtioMmio.QUEUE_DESC_HIGH, desc >>> 32);
        reg(VirtioMmio.QUEUE_DRIVER_LOW, avail & 0xffff_ffffL);
        reg(VirtioMmio.QUEUE_DRIVER_HIGH, avail >>> 32);
        reg(VirtioMmio.QUEUE_DEVICE_LOW, used & 0xffff_ffffL);
        reg(VirtioMmio.QUEUE_DEVICE_HIGH, used >>> 32);
        reg(VirtioMmio.QUEUE_READY, 1);
        qsize = size;
    }

    void driverOk() {
        reg(VirtioMmio.STATUS, reg(VirtioMmio.STATUS) | VirtioMmio.STATUS_DRIVER_OK);
    }

    /** Full bring-up with VERSION_1 and the given extra features, one queue of {@code size}. */
    void bringUp(long extraFeatures, int size) {
        assertTrue(negotiate(VirtioMmio.VIRTIO_F_VERSION_1 | extraFeatures));
        setupQueue(0, size);
        driverOk();
    }

    long alloc(int len) {
        long a = bufNext;
        bufNext += (len + 15) & ~15;
        return a;
    }

    void writeDesc(long table, int i, long addr, int len, int flags, int next) {
        long d = table + 16L * i - RAM_BASE;
        ram.storeLongAt(d, addr);
        ram.storeIntAt(d + 8, len);
        ram.storeShortAt(d + 12, (short) flags);
        ram.storeShortAt(d + 14, (short) next);
    }

    /** Writes a chain of descriptors at the next free slots; returns the head index. */
    int chain(long[] addrs, int[] lens, boolean[] writable) {
        int head = nextDesc;
        for (int k = 0; k < addrs.length; k++) {
            int i = (head + k) % qsize;
            boolean last = k == addrs.length - 1;
            int flags = (last ? 0 : VirtQueue.VIRTQ_DESC_F_NEXT) | (writable[k] ? VirtQueue.VIRTQ_DESC_F_WRITE : 0);
            writeDesc(DESC, i, addrs[k], lens[k], flags, (i + 1) % qsize);
        }
        nextDesc = (head + addrs.length) % qsize;
        return head;
    }

    void makeAvailable(int head) {
        ram.storeShortAt(AVAIL + 4 + 2L * (availIdx % qsize) - RAM_BASE, (short) head);
        availIdx = (availIdx + 1) & 0xffff;
        ram.storeShortAt(AVAIL + 2 - RAM_BASE, (short) availIdx);
    }

    void notifyQueue(int q) {
        reg(VirtioMmio.QUEUE_NOTIFY, q);
    }

    int usedIdx() { return ram.loadShortAt(USED + 2 - RAM_BASE) & 0xffff; }
    int usedId(int slot) { return ram.loadIntAt(USED + 4 + 8L * (slot % qsize) - RAM_BASE); }
    int usedLen(int slot) { return ram.loadIntAt(USED + 4 + 8L * (slot % qsize) + 4 - RAM_BASE); }

    int interruptStatus() { return reg(VirtioMmio.INTERRUPT_STATUS); }

    void ack(int bits) { reg(VirtioMmio.INTERRUPT_ACK, bits); }

    boolean needsReset() { return (reg(VirtioMmio.STATUS) & VirtioMmio.STATUS_DEVICE_NEEDS_RESET) != 0; }

    byte u8(long addr) { return ram.loadByteAt(addr - RAM_BASE); }
    void put(long addr, byte[] b) { ram.copyIn(addr, b, 0, b.length); }
    byte[] get(long addr, int len) {
        byte[] b = new byte[len];
        ram.copyOut(addr, b, 0, len);
        return b;
    }
}
