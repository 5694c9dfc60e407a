package org.opennexus.statefs.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The oracle itself, against hand-built images: it must accept exact boundaries and nothing else. */
class DiskStateCheckerTest {
    private static final long SIZE = 64 * 1024;
    private final WriteSchedule schedule = new WriteSchedule(99, SIZE);

    /** The image after epochs 1..k, built by writing the schedule into a plain byte array. */
    private byte[] imageAt(int k) {
        byte[] img = new byte[(int) SIZE];
        MemorySegment seg = MemorySegment.ofArray(img);
        for (int e = 1; e <= k; e++) {
            for (WriteSchedule.Extent x : schedule.epoch(e)) {
                schedule.fill(x, seg.asSlice(x.firstSector() * 512, x.sectors() * 512L));
            }
        }
        return img;
    }

    private static DiskImage of(byte[] img) {
        return (off, dst) -> MemorySegment.copy(MemorySegment.ofArray(img), off, dst, 0, dst.byteSize());
    }

    @Test
    void exactBoundariesAreFound() throws IOException {
        DiskStateChecker c = new DiskStateChecker(schedule);
        assertEquals(3, c.verify(of(imageAt(3)), 2, 4));
        assertEquals(3, c.epoch());
        assertEquals(7, c.verify(of(imageAt(7)), 5, 8));
    }

    @Test
    void aMissingFlushedWriteOrAnExtraUnflushedWriteIsRejected() {
        DiskStateChecker c = new DiskStateChecker(schedule);
        assertThrows(AssertionError.class, () -> c.verify(of(imageAt(2)), 3, 4)); // flush 3 lost
        assertThrows(AssertionError.class, () -> c.verify(of(imageAt(5)), 3, 4)); // flush 5 already there
    }

    @Test
    void aTornSectorIsRejected() {
        byte[] img = imageAt(4);
        byte[] next = imageAt(5);
        int sector = (int) schedule.epoch(5).get(0).firstSector();
        System.arraycopy(next, sector * 512, img, sector * 512, 256); // half of write 5.0's first sector
        DiskStateChecker c = new DiskStateChecker(schedule);
        AssertionError e = assertThrows(AssertionError.class, () -> c.verify(of(img), 4, 5));
        assertTrue(e.getMessage().contains("torn or unknown"), e.getMessage());
    }

    @Test
    void patternsDifferPerWriteAndSector() {
        MemorySegment a = MemorySegment.ofArray(new byte[512]);
        MemorySegment b = MemorySegment.ofArray(new byte[512]);
        long id = WriteSchedule.writeId(1, 0);
        while (schedule.isZeroWrite(id)) {
            id++;
        }
        schedule.fillSector(id, 10, a, 0);
        schedule.fillSector(id, 11, b, 0);
        assertTrue(a.mismatch(b) >= 0);
        schedule.fillSector(id + 1, 10, b, 0);
        assertTrue(a.mismatch(b) >= 0);
    }
}
