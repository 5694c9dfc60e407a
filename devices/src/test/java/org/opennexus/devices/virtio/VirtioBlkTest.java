package org.opennexus.devices.virtio;

import static org.junit.jupiter.api.Assertions.*;
import static org.opennexus.devices.virtio.VirtioBlk.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.devices.block.RawFileBackend;

/** The virtio-blk driver protocol end to end: requests built by hand in guest RAM (virtio 1.2, 5.2.6). */
class VirtioBlkTest {
    static final int SECTORS = 64;

    @TempDir
    Path dir;

    private final MemoryBackend disk = new MemoryBackend(SECTORS, false);
    private final TestDriver drv = new TestDriver(new VirtioBlk(disk));

    private long header(int type, long sector) {
        long h = drv.alloc(16);
        drv.ram.storeIntAt(h - TestDriver.RAM_BASE, type);
        drv.ram.storeIntAt(h + 4 - TestDriver.RAM_BASE, 0);
        drv.ram.storeLongAt(h + 8 - TestDriver.RAM_BASE, sector);
        return h;
    }

    /** Submits header + one data buffer + status; returns the status byte's address. */
    private long submit(int type, long sector, long data, int len, boolean deviceWrites) {
        long h = header(type, sector);
        long st = drv.alloc(1);
        drv.ram.storeByteAt(st - TestDriver.RAM_BASE, (byte) 0xee);
        int head = len > 0
                ? drv.chain(new long[] {h, data, st}, new int[] {16, len, 1}, new boolean[] {false, deviceWrites, true})
                : drv.chain(new long[] {h, st}, new int[] {16, 1}, new boolean[] {false, true});
        drv.makeAvailable(head);
        drv.notifyQueue(0);
        return st;
    }

    private byte[] diskBytes(long sector, int len) {
        return Arrays.copyOfRange(disk.data, (int) sector * 512, (int) sector * 512 + len);
    }

    @Test
    void identificationRegisters() {
        assertEquals(0x74726976, drv.reg(0x000));
        assertEquals(2, drv.reg(0x004));
        assertEquals(2, drv.reg(0x008));
        assertEquals(0x554d4551, drv.reg(0x00c));
        long f = drv.deviceFeatures();
        assertNotEquals(0, f & VirtioMmio.VIRTIO_F_VERSION_1);
        assertNotEquals(0, f & VIRTIO_BLK_F_SEG_MAX);
        assertNotEquals(0, f & VIRTIO_BLK_F_BLK_SIZE);
        assertNotEquals(0, f & VIRTIO_BLK_F_FLUSH);
        assertEquals(0, f & VIRTIO_BLK_F_RO);
        assertEquals(1024, drv.reg(VirtioMmio.QUEUE_NUM_MAX)); // as qemu-system-riscv64 7.2 reports
        drv.reg(VirtioMmio.QUEUE_SEL, 1);
        assertEquals(0, drv.reg(VirtioMmio.QUEUE_NUM_MAX)); // only one queue
    }

    @Test
    void configSpace() {
        assertEquals(SECTORS, drv.dev.read(0x100, 8));
        assertEquals(SECTORS, drv.dev.read(0x100, 4));
        assertEquals(0, drv.dev.read(0x104, 4));
        assertEquals(254, drv.dev.read(0x10c, 4));   // seg_max, as QEMU 7.2 reports
        assertEquals(512, drv.dev.read(0x114, 4));   // blk_size
        assertEquals(0x02, drv.dev.read(0x115, 1));  // byte access inside blk_size
    }

    @Test
    void readRequest() {
        drv.bringUp(0, 8);
        long data = drv.alloc(1024);
        long st = submit(VIRTIO_BLK_T_IN, 5, data, 1024, true);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(st));
        assertArrayEquals(diskBytes(5, 1024), drv.get(data, 1024));
        assertEquals(1, drv.usedIdx());
        assertEquals(0, drv.usedId(0));
        assertEquals(1025, drv.usedLen(0)); // every writable byte, as QEMU reports in_len
        assertEquals(1, drv.interruptStatus());
        assertTrue(drv.irq.get());
        drv.ack(1);
        assertFalse(drv.irq.get());
        assertEquals(0, drv.interruptStatus());
    }

    @Test
    void writeThenReadBack() {
        drv.bringUp(0, 8);
        long data = drv.alloc(512);
        byte[] pattern = new byte[512];
        Arrays.fill(pattern, (byte) 0x5c);
        drv.put(data, pattern);
        long st = submit(VIRTIO_BLK_T_OUT, 63, data, 512, false);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(st));
        assertArrayEquals(pattern, diskBytes(63, 512));
        assertEquals(1, drv.usedLen(0)); // only the status byte is writable
        long back = drv.alloc(512);
        st = submit(VIRTIO_BLK_T_IN, 63, back, 512, true);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(st));
        assertArrayEquals(pattern, drv.get(back, 512));
        assertEquals(2, drv.usedIdx());
        assertEquals(3, drv.usedId(1)); // second chain starts at descriptor 3
    }

    @Test
    void flushAndGetId() {
        drv.bringUp(VIRTIO_BLK_F_FLUSH, 8);
        long st = submit(VIRTIO_BLK_T_FLUSH, 0, 0, 0, false);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(st));
        assertEquals(1, disk.flushes);
        long id = drv.alloc(20);
        st = submit(VIRTIO_BLK_T_GET_ID, 0, id, 20, true);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(st));
        byte[] expected = Arrays.copyOf("nexus-test-disk".getBytes(StandardCharsets.US_ASCII), 20);
        assertArrayEquals(expected, drv.get(id, 20));
        assertEquals(21, drv.usedLen(1));
    }

    @Test
    void unknownTypeIsUnsupported() {
        drv.bringUp(0, 8);
        long st = submit(11 /* DISCARD, not offered */, 0, 0, 0, false);
        assertEquals(VIRTIO_BLK_S_UNSUPP, drv.u8(st));
        assertFalse(drv.needsReset());
    }

    @Test
    void beyondCapacityIsIoError() {
        drv.bringUp(0, 8);
        long data = drv.alloc(1024);
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(submit(VIRTIO_BLK_T_IN, 63, data, 1024, true)));
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(submit(VIRTIO_BLK_T_IN, SECTORS, data, 512, true)));
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(submit(VIRTIO_BLK_T_OUT, -1L, data, 512, false)));
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(submit(VIRTIO_BLK_T_IN, Long.MAX_VALUE / 256, data, 512, true)));
        assertEquals(0, disk.writes);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(submit(VIRTIO_BLK_T_IN, 62, data, 1024, true))); // last two sectors
        assertFalse(drv.needsReset());
    }

    @Test
    void partialSectorIsIoError() {
        drv.bringUp(0, 8);
        long data = drv.alloc(512);
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(submit(VIRTIO_BLK_T_IN, 0, data, 100, true)));
    }

    @Test
    void readOnlyDiskRejectsWrites() {
        MemoryBackend ro = new MemoryBackend(8, true);
        byte[] before = ro.data.clone();
        TestDriver d = new TestDriver(new VirtioBlk(ro));
        assertNotEquals(0, d.deviceFeatures() & VIRTIO_BLK_F_RO);
        d.bringUp(VIRTIO_BLK_F_RO, 8);
        long data = d.alloc(512);
        long h = d.alloc(16);
        d.ram.storeIntAt(h - TestDriver.RAM_BASE, VIRTIO_BLK_T_OUT);
        d.ram.storeLongAt(h + 8 - TestDriver.RAM_BASE, 0);
        long st = d.alloc(1);
        d.makeAvailable(d.chain(new long[] {h, data, st}, new int[] {16, 512, 1}, new boolean[] {false, false, true}));
        d.notifyQueue(0);
        assertEquals(VIRTIO_BLK_S_IOERR, d.u8(st));
        assertArrayEquals(before, ro.data);
        assertEquals(0, ro.writes);
    }

    @Test
    void dataOutsideRamIsIoError() {
        drv.bringUp(0, 8);
        long st = submit(VIRTIO_BLK_T_IN, 0, 0x1000, 512, true); // below RAM
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(st));
        st = submit(VIRTIO_BLK_T_OUT, 0, TestDriver.RAM_BASE + (1 << 20) - 256, 512, false); // runs off the end
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(st));
        assertEquals(0, disk.writes);
        assertEquals(2, drv.usedIdx());
        assertFalse(drv.needsReset());
    }

    @Test
    void shortHeaderIsIoError() {
        drv.bringUp(0, 8);
        long h = header(VIRTIO_BLK_T_IN, 0);
        long st = drv.alloc(1);
        drv.makeAvailable(drv.chain(new long[] {h, st}, new int[] {8, 1}, new boolean[] {false, true}));
        drv.notifyQueue(0);
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(st));
    }

    @Test
    void backendErrorIsIoError() {
        drv.bringUp(0, 8);
        disk.failIo = true;
        long data = drv.alloc(512);
        assertEquals(VIRTIO_BLK_S_IOERR, drv.u8(submit(VIRTIO_BLK_T_IN, 0, data, 512, true)));
    }

    @Test
    void noStatusByteNeedsReset() {
        drv.bringUp(0, 8);
        long h = header(VIRTIO_BLK_T_IN, 0);
        drv.makeAvailable(drv.chain(new long[] {h}, new int[] {16}, new boolean[] {false}));
        drv.notifyQueue(0);
        assertTrue(drv.needsReset());
        assertEquals(VirtioMmio.INT_CONFIG_CHANGE, drv.interruptStatus());
        assertTrue(drv.irq.get());
    }

    @Test
    void anyLayoutHeaderSplitAndUnalignedSegments() {
        drv.bringUp(0, 16);
        long h = header(VIRTIO_BLK_T_IN, 2);
        long d1 = drv.alloc(300);
        long d2 = drv.alloc(724);
        long st = drv.alloc(1);
        // header in two pieces; data split mid-sector; status in its own descriptor
        int head = drv.chain(new long[] {h, h + 10, d1, d2, st}, new int[] {10, 6, 300, 724, 1},
                new boolean[] {false, false, true, true, true});
        drv.makeAvailable(head);
        drv.notifyQueue(0);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(st));
        byte[] expect = diskBytes(2, 1024);
        assertArrayEquals(Arrays.copyOfRange(expect, 0, 300), drv.get(d1, 300));
        assertArrayEquals(Arrays.copyOfRange(expect, 300, 1024), drv.get(d2, 724));
    }

    @Test
    void statusSharesTheDataDescriptor() {
        drv.bringUp(0, 8);
        long h = header(VIRTIO_BLK_T_IN, 1);
        long buf = drv.alloc(513);
        drv.makeAvailable(drv.chain(new long[] {h, buf}, new int[] {16, 513}, new boolean[] {false, true}));
        drv.notifyQueue(0);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(buf + 512));
        assertArrayEquals(diskBytes(1, 512), drv.get(buf, 512));
    }

    @Test
    void indirectDescriptors() {
        drv.bringUp(VirtioMmio.VIRTIO_RING_F_INDIRECT_DESC, 8);
        long table = drv.alloc(48);
        long h = header(VIRTIO_BLK_T_IN, 7);
        long data = drv.alloc(512);
        long st = drv.alloc(1);
        drv.writeDesc(table, 0, h, 16, VirtQueue.VIRTQ_DESC_F_NEXT, 1);
        drv.writeDesc(table, 1, data, 512, VirtQueue.VIRTQ_DESC_F_NEXT | VirtQueue.VIRTQ_DESC_F_WRITE, 2);
        drv.writeDesc(table, 2, st, 1, VirtQueue.VIRTQ_DESC_F_WRITE, 0);
        drv.writeDesc(TestDriver.DESC, 5, table, 48, VirtQueue.VIRTQ_DESC_F_INDIRECT, 0);
        drv.makeAvailable(5);
        drv.notifyQueue(0);
        assertEquals(VIRTIO_BLK_S_OK, drv.u8(st));
        assertArrayEquals(diskBytes(7, 512), drv.get(data, 512));
        assertEquals(5, drv.usedId(0));
        assertEquals(513, drv.usedLen(0));
    }

    @Test
    void rawFileBackendEndToEnd() throws Exception {
        Path img = dir.resolve("vda.img");
        byte[] content = new byte[8 * 512];
        content[3 * 512] = 42;
        Files.write(img, content);
        try (RawFileBackend b = RawFileBackend.open(img, false)) {
            TestDriver d = new TestDriver(new VirtioBlk(b));
            d.bringUp(VIRTIO_BLK_F_FLUSH, 8);
            assertEquals(8, d.dev.read(0x100, 8));
            long h = d.alloc(16);
            d.ram.storeIntAt(h - TestDriver.RAM_BASE, VIRTIO_BLK_T_IN);
            d.ram.storeLongAt(h + 8 - TestDriver.RAM_BASE, 3);
            long data = d.alloc(512);
            long st = d.alloc(1);
            d.makeAvailable(d.chain(new long[] {h, data, st}, new int[] {16, 512, 1}, new boolean[] {false, true, true}));
            d.notifyQueue(0);
            assertEquals(0, d.u8(st));
            assertEquals(42, d.u8(data));
        }
    }
}
