package org.opennexus.memory;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stores into watched (translated-code) pages must be reported, even after a store TLB entry existed. */
class CodeWatchTest {
    static final long RAM = 0x8000_0000L;
    final GuestRam ram = new GuestRam(RAM, 1 << 20);
    final PhysicalBus bus = new PhysicalBus(ram);
    final Mmu hart0 = new Mmu(bus);
    final Mmu hart1 = new Mmu(bus);
    final List<String> writes = new ArrayList<>();

    CodeWatchTest() {
        bus.setCodeWriteListener((a, l) -> writes.add(Long.toHexString(a) + "+" + l));
    }

    @Test
    void storesToWatchedPagesAreReportedOnEveryHart() {
        hart0.store(RAM + 0x2000, 8, 1); // caches a store entry for the page
        hart1.store(RAM + 0x2008, 8, 1);
        assertTrue(writes.isEmpty(), "unwatched pages are not reported");
        bus.watchCodePage(RAM + 0x2abc);
        assertTrue(bus.isCodePage(RAM + 0x2000));
        assertFalse(bus.isCodePage(RAM + 0x3000));
        hart0.store(RAM + 0x2010, 4, 0x13);
        hart1.store(RAM + 0x2ffe, 2, 0x13);
        hart0.store(RAM + 0x3000, 8, 0); // another page: silent
        assertEquals(List.of("80002010+4", "80002ffe+2"), writes);
        assertEquals(0x13, ram.loadIntAt(0x2010), "the store itself still happens");
        writes.clear();
        hart0.amo(Mmu.AMO_OR, RAM + 0x2020, 8, 1);
        hart1.loadReserved(RAM + 0x2028, 4);
        assertTrue(hart1.storeConditional(RAM + 0x2028, 4, 5));
        assertFalse(hart1.storeConditional(RAM + 0x2028, 4, 6)); // failed SC writes nothing
        hart0.store(RAM + 0x1ffc, 8, -1L);                       // page-crossing into the watched page
        assertEquals(List.of("80002020+8", "80002028+4", "80002000+1", "80002001+1", "80002002+1", "80002003+1"),
                writes);
        // loads and fetches stay fast and unreported
        writes.clear();
        hart0.load(RAM + 0x2010, 4);
        hart0.fetchInstruction(RAM + 0x2010);
        assertTrue(writes.isEmpty());
        bus.unwatchCodePage(RAM + 0x2000);
        hart0.store(RAM + 0x2010, 4, 0);
        assertTrue(writes.isEmpty());
    }
}
