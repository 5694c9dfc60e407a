package org.opennexus.statefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DirtyBlocksTest {
    @Test
    void behavesLikeAMapThroughGrowthAndClears() {
        DirtyBlocks d = new DirtyBlocks();
        Random r = new Random(5);
        for (int round = 0; round < 3; round++) {
            Map<Long, byte[]> model = new HashMap<>();
            for (int i = 0; i < 5000; i++) {
                long block = r.nextInt(1 << 20) * (round == 1 ? 4096L : 1L); // clustered hashes in round 1
                byte[] have = d.get(block);
                if (have == null) {
                    assertNull(model.get(block));
                    byte[] b = d.add(block);
                    b[0] = (byte) i;
                    model.put(block, b);
                } else {
                    assertSame(model.get(block), have);
                }
            }
            assertEquals(model.size(), d.size());
            assertEquals(model.size() * 4096L, d.bytes());
            long[] sorted = d.sortedBlocks();
            assertArrayEquals(new TreeSet<>(model.keySet()).stream().mapToLong(Long::longValue).toArray(), sorted);
            for (long b : sorted) {
                assertSame(model.get(b), d.get(b));
            }
            d.clear();
            assertEquals(0, d.size());
            for (long b : sorted) {
                assertNull(d.get(b));
            }
        }
    }
}
