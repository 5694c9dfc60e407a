package org.opennexus.machine.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opennexus.machine.isa.GuestBuild;
import org.opennexus.machine.isa.QemuRunner;

/**
 * Validates the generator on QEMU alone: generated sequences never trap, two QEMU runs print the
 * same hashes, and the hashes actually vary (the signature sees the sequence's effects).
 */
@Tag("diff")
class DiffGeneratorTest {
    private static final int COUNT = 1_000;

    @TestFactory
    List<DynamicTest> sequencesRunOnQemuDeterministically() {
        Path dir = GuestBuild.buildDir().resolve("diff-validate");
        List<DynamicTest> tests = new ArrayList<>();
        for (Group g : Group.values()) {
          for (Privilege p : Privilege.values()) {
            tests.add(DynamicTest.dynamicTest(g.name() + " " + p, () -> {
                DiffCampaign c = new DiffCampaign(g, p, 42, COUNT, dir);
                Path elf = c.build(0, COUNT);
                RunLines a = DiffCampaign.runChecked(new QemuRunner(), elf);
                RunLines b = DiffCampaign.runChecked(new QemuRunner(), elf);
                assertNull(a.problem(), "QEMU run of group " + g);
                assertEquals(COUNT, a.words().size());
                assertEquals(a.words(), b.words(), "two QEMU runs of the same program differ: non-deterministic sequences");
                assertEquals(COUNT, new HashSet<>(a.words()).size(), "duplicate hashes: the signature misses effects");
            }));
          }
        }
        return tests;
    }

    @Test
    void sequencesDoNotDependOnBatching() {
        String alone = DiffProgram.build(Group.M, Privilege.M_BARE, 7, 5, 1, false);
        String batched = DiffProgram.build(Group.M, Privilege.M_BARE, 7, 0, 10, false);
        String body = alone.substring(alone.indexOf("seq_5:"), alone.indexOf("seq_5_end:"));
        assertTrue(batched.contains(body), "sequence 5 differs between a batch and a lone build");
        assertNotEquals(DiffProgram.build(Group.M, Privilege.M_BARE, 8, 5, 1, false), alone, "the seed must change the program");
    }
}
