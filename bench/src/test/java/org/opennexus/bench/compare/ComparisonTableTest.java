package org.opennexus.bench.compare;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTableTest {

    @Test
    void parsesTheGuestResultLineAmongOtherOutput() {
        String uart = "booting\r\nBENCH crc32 checksum=00ff ticks=2000000 instret=500\r\n";
        WorkloadResult r = WorkloadResult.parse("qemu", uart, 1.5);
        assertNotNull(r);
        assertEquals("crc32", r.workload());
        assertEquals("00ff", r.checksum());
        assertEquals(0.2, r.guestSeconds(), 1e-12);
        assertEquals(500, r.guestInstret());
        assertNull(WorkloadResult.parse("qemu", "no result here\n", 1));
    }

    @Test
    void ratiosUseGuestTimeAndFloorsFlagSlowRows(@TempDir Path dir) throws Exception {
        var best = new LinkedHashMap<String, WorkloadResult>();
        best.put("qemu", new WorkloadResult("w", "qemu", "1", 1_000_000, 0, 0.2));          // 0.1 s
        best.put("nexus-interp", new WorkloadResult("w", "nexus-interp", "1", 10_000_000, 0, 1.1)); // 1 s
        ComparisonTable t = new ComparisonTable(List.of("qemu", "nexus-interp"));
        t.add("w", 100_000_000L, best);
        assertEquals(1000.0, t.rows().getFirst().mips().get("qemu"), 1e-9);
        assertEquals(0.1, t.rows().getFirst().ratios().get("nexus-interp.vs.qemu"), 1e-12);

        Path f = dir.resolve("floors.properties");
        Files.writeString(f, "nexus-interp.vs.qemu=0.05\nnexus-interp.vs.qemu.w=0.2\n");
        List<String> v = Floors.load(f).violations(t);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.getFirst().contains("below its floor 0.200"));
        assertTrue(t.toJson().contains("\"nexus-interp.vs.qemu\": 0.1000"));
    }
}
