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
        assertEquals(0, r.runs());
    }

    @Test
    void steadyStateComesFromTheFastestRepetition() {
        String uart = "BENCH w checksum=1 ticks=3000000 instret=100000000 runs=10 first=1200000 best=150000\n";
        WorkloadResult jit = WorkloadResult.parse("nexus-jit", uart, 1);
        assertEquals(10, jit.runs());
        assertEquals(1_200_000, jit.firstTicks());
        assertEquals(150_000, jit.bestTicks());
        var best = new LinkedHashMap<String, WorkloadResult>();
        best.put("qemu", new WorkloadResult("w", "qemu", "1", 2_000_000, 0, 0.3, 10, 200_000, 200_000));
        best.put("nexus-jit", jit);
        ComparisonTable t = new ComparisonTable(List.of("qemu", "nexus-jit"));
        t.add("w", 100_000_000L, best);
        var row = t.rows().getFirst();
        // whole region: 100 M instructions in 0.3 s against 0.2 s on qemu
        assertEquals(2.0 / 3.0, row.ratios().get("nexus-jit.vs.qemu"), 1e-12);
        // one repetition: 10 M instructions in 0.015 s (667 MIPS) against 0.02 s (500 MIPS)
        assertEquals(10e6 / 0.015 / 1e6, row.steadyMips().get("nexus-jit"), 1e-9);
        assertEquals(0.02 / 0.015, row.steadyRatios().get("nexus-jit.vs.qemu"), 1e-12);
        String text = t.format();
        assertTrue(text.contains("steady state"), text);
        assertTrue(text.contains("0.120"), text);   // nexus-jit's first repetition in s
        assertTrue(t.toJson().contains("\"steady_ratios\": {\"nexus-jit.vs.qemu\": 1.3333}"), t.toJson());
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
