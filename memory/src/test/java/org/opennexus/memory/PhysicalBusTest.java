package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalBusTest {
    static final long RAM = 0x8000_0000L;

    /** Records accesses; reads return a pattern derived from the offset. */
    static final class Recorder implements MmioDevice {
        final List<String> log = new ArrayList<>();
        final int minSize;
        final boolean alignedOnly;
        Recorder(int minSize, boolean alignedOnly) { this.minSize = minSize; this.alignedOnly = alignedOnly; }
        Recorder() { this(1, false); }
        @Override public long read(long offset, int size) {
            log.add("r" + size + "@" + offset);
            return 0xfedc_ba98_7654_3210L + offset; // deliberately wider than size: the bus must mask
        }
        @Override public void write(long offset, int size, long value) {
            log.add("w" + size + "@" + offset + "=" + Long.toHexString(value));
        }
        @Override public boolean accepts(long offset, int size) {
            return size >= minSize && (!alignedOnly || (offset & (size - 1)) == 0);
        }
    }

    private final GuestRam ram = new GuestRam(RAM, 1 << 20);
    private final PhysicalBus bus = new PhysicalBus(ram);

    @Test
    void ramReadsAreZeroExtendedLittleEndian() {
        bus.write(RAM + 8, 8, 0x8877_6655_4433_2211L, Trap.STORE_ACCESS_FAULT);
        assertEquals(0x11, bus.read(RAM + 8, 1, Trap.LOAD_ACCESS_FAULT));
        assertEquals(0x2211, bus.read(RAM + 8, 2, Trap.LOAD_ACCESS_FAULT));
        assertEquals(0x8877_6655L, bus.read(RAM + 12, 4, Trap.LOAD_ACCESS_FAULT));
        assertEquals(0x8877_6655_4433_2211L, bus.read(RAM + 8, 8, Trap.LOAD_ACCESS_FAULT));
        bus.write(RAM + 9, 2, 0xabcd_0000_aaffL, Trap.STORE_ACCESS_FAULT);
        assertEquals(0x8877_6655_44aa_ff11L, ram.loadLongAt(8));
        assertSame(ram, bus.ram());
    }

    @Test
    void mmioDispatchPassesOffsetSizeAndMasksValues() {
        Recorder dev = new Recorder();
        bus.map("dev", 0x1000_0000L, 0x100, dev);
        assertEquals(0x3210 + 0x10, bus.read(0x1000_0010L, 2, Trap.LOAD_ACCESS_FAULT));
        assertEquals(0x7654_3210L + 4, bus.read(0x1000_0004L, 4, Trap.LOAD_ACCESS_FAULT));
        bus.write(0x1000_0020L, 1, 0x1234, Trap.STORE_ACCESS_FAULT);
        assertEquals(List.of("r2@16", "r4@4", "w1@32=34"), dev.log);
        assertSame(dev, bus.deviceAt(0x1000_00ffL));
        assertEquals("dev", bus.regionNameAt(0x1000_0000L));
        assertNull(bus.deviceAt(0x1000_0100L));
    }

    @Test
    void binarySearchFindsEachOfManyRegions() {
        Recorder[] devs = new Recorder[8];
        for (int k = 7; k >= 0; k--) { // mapped out of order on purpose
            devs[k] = new Recorder();
            bus.map("d" + k, 0x1000_0000L + k * 0x1000L, 0x100, devs[k]);
        }
        for (int k = 0; k < 8; k++) {
            bus.write(0x1000_0000L + k * 0x1000L + 8, 4, k, Trap.STORE_ACCESS_FAULT);
            assertEquals(List.of("w4@8=" + k), devs[k].log);
        }
        Trap t = assertThrows(Trap.class, () -> bus.read(0x1000_0100L, 4, Trap.LOAD_ACCESS_FAULT));
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
    }

    @Test
    void unmappedAddressesFaultWithTheGivenCause() {
        Trap t = assertThrows(Trap.class, () -> bus.read(0x4000, 8, Trap.LOAD_ACCESS_FAULT));
        assertEquals(Trap.LOAD_ACCESS_FAULT, t.cause);
        assertEquals(0x4000, t.tval);
        t = assertThrows(Trap.class, () -> bus.write(RAM - 1, 1, 0, Trap.STORE_ACCESS_FAULT));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
        // straddling the end of RAM
        t = assertThrows(Trap.class, () -> bus.read(RAM + (1 << 20) - 4, 8, Trap.INSTRUCTION_ACCESS_FAULT));
        assertEquals(Trap.INSTRUCTION_ACCESS_FAULT, t.cause);
    }

    @Test
    void deviceRefusingAnAccessIsAnAccessFault() {
        Recorder dev = new Recorder(4, true);
        bus.map("regs", 0x0c00_0000L, 0x1000, dev);
        assertThrows(Trap.class, () -> bus.read(0x0c00_0000L, 1, Trap.LOAD_ACCESS_FAULT));
        Trap t = assertThrows(Trap.class, () -> bus.write(0x0c00_0002L, 4, 1, Trap.STORE_ACCESS_FAULT));
        assertEquals(Trap.STORE_ACCESS_FAULT, t.cause);
        assertEquals(0x0c00_0002L, t.tval);
        assertTrue(dev.log.isEmpty(), "refused accesses must not reach the device");
        // an access straddling the region's end never reaches the device either
        assertThrows(Trap.class, () -> bus.read(0x0c00_0ffcL, 8, Trap.LOAD_ACCESS_FAULT));
        // a misaligned access the device accepts is passed through
        Recorder lax = new Recorder();
        bus.map("lax", 0x0d00_0000L, 0x100, lax);
        bus.read(0x0d00_0003L, 4, Trap.LOAD_ACCESS_FAULT);
        assertEquals(List.of("r4@3"), lax.log);
    }

    @Test
    void overlappingDevicesAreRejected() {
        bus.map("a", 0x1000, 0x1000, new Recorder());
        assertThrows(IllegalArgumentException.class, () -> bus.map("b", 0x1800, 0x1000, new Recorder()));
        assertThrows(IllegalArgumentException.class, () -> bus.map("c", 0x0800, 0x0801, new Recorder()));
        bus.map("d", 0x2000, 0x1000, new Recorder()); // adjacent is fine
        bus.map("e", 0x0000, 0x1000, new Recorder());
    }

    @Test
    void deviceOverlayOnRamWinsAndSpoilsOnlyItsPage() {
        Recorder tohost = new Recorder();
        long at = RAM + 0x3000 + 0x40;
        ram.storeLongAt(0x3040, 0x55);
        ram.storeLongAt(0x3048, 0x66);
        bus.map("htif", at, 8, tohost);
        bus.write(at, 8, 1, Trap.STORE_ACCESS_FAULT);
        assertEquals(List.of("w8@0=1"), tohost.log);
        assertEquals(0x55, ram.loadLongAt(0x3040), "the overlaid RAM is not written");
        assertEquals(0x66, bus.read(at + 8, 8, Trap.LOAD_ACCESS_FAULT), "RAM right after the overlay");
        assertFalse(bus.isPlainRamPage(RAM + 0x3000));
        assertTrue(bus.isPlainRamPage(RAM + 0x2000));
        assertTrue(bus.isPlainRamPage(RAM + 0x4000));
        assertFalse(bus.isPlainRamPage(RAM - 0x1000));
        assertFalse(bus.isPlainRamPage(RAM + (1 << 20)));
        assertEquals(-1, bus.ramOffset(at - 4, 8), "a range touching the overlay is not plain RAM");
        assertEquals(0x3048, bus.ramOffset(at + 8, 8));
        // an access half in RAM, half in the device is an access fault
        assertThrows(Trap.class, () -> bus.read(at - 4, 8, Trap.LOAD_ACCESS_FAULT));
    }

    @Test
    void accessibleChecksEveryByte() {
        bus.map("words", 0x1000, 0x10, new Recorder(4, false));
        bus.map("bytes", 0x2000, 0x10, new Recorder());
        assertTrue(bus.accessible(RAM, 16));
        assertTrue(bus.accessible(0x2000, 16));
        assertFalse(bus.accessible(0x2008, 16));
        assertFalse(bus.accessible(0x1000, 1));
    }

    @Test
    void overlayMappedLaterIsNotHiddenByCachedRamPages() {
        Mmu mmu = new Mmu(bus);
        ram.storeLongAt(0x5000, 0x77);
        assertEquals(0x77, mmu.load(RAM + 0x5000, 8)); // caches the page as RAM
        Recorder tohost = new Recorder();
        bus.map("tohost", RAM + 0x5000, 8, tohost);
        mmu.store(RAM + 0x5000, 8, 1);
        assertEquals(List.of("w8@0=1"), tohost.log);
        assertEquals(0x77, ram.loadLongAt(0x5000));
    }
}
