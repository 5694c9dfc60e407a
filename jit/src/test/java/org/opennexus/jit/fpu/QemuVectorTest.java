package org.opennexus.jit.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Replays vectors recorded on qemu-system-riscv64 7.2 (real F/D instructions executed under softfloat, see
 * jit/src/test/fpu-oracle/run-qemu.sh): every destination register value and fflags must match exactly.
 */
class QemuVectorTest {
    private static final Path FILE = Path.of(System.getProperty("fpu.qemu.vectors", "src/test/fpu-oracle/qemu-vectors.txt.gz"));

    @Test
    void matchesQemuBitForBit() throws IOException {
        Map<String, Integer> ops = new HashMap<>();
        for (int op : QemuVectors.OPS) {
            ops.put(QemuVectors.NAMES[op], op);
        }
        List<String> fails = new ArrayList<>();
        int count = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(FILE)), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] t = line.split(" ");
                int op = ops.get(t[0]);
                int rm = Integer.parseInt(t[1]);
                long a = Long.parseUnsignedLong(t[2], 16);
                long b = Long.parseUnsignedLong(t[3], 16);
                long c = Long.parseUnsignedLong(t[4], 16);
                long want = Long.parseUnsignedLong(t[5], 16);
                int wantFlags = Integer.parseInt(t[6], 16);
                FpFlags f = new FpFlags();
                long got = QemuVectors.eval(op, rm, a, b, c, f);
                count++;
                if (got != want || f.fflags != wantFlags) {
                    fails.add(line + "  ours: " + String.format("%016x %02x", got, f.fflags));
                }
            }
        }
        assertTrue(count >= 1000, "too few vectors: " + count);
        assertEquals(0, fails.size(), fails.size() + " of " + count + " differ from QEMU:\n"
                + String.join("\n", fails.subList(0, Math.min(20, fails.size()))));
    }
}
