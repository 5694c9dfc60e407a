package org.opennexus.machine.diff;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.opennexus.machine.isa.Engines;
import org.opennexus.machine.isa.GuestBuild;
import org.opennexus.machine.isa.GuestRunner;

/**
 * Differential test against qemu-system-riscv64: per group, {@code nexus.diff.count} (default
 * 10,000) random sequences, run in M-mode (and for {@link #SV39_GROUPS} also in S-mode under Sv39)
 * on QEMU and on every nexus engine, hashes compared.
 * System properties: {@code nexus.diff.seed} (default {@link #DEFAULT_SEED}, decimal or 0x-hex),
 * {@code nexus.diff.count}, {@code nexus.diff.groups} (e.g. "F,D").
 */
@Tag("diff")
class DiffTest {
    /**
     * Groups also run in S-mode under Sv39 (every access through the MMU/TLB): the memory-heavy ones,
     * to keep `make test` short.
     */
    static final List<Group> SV39_GROUPS = List.of(Group.I, Group.A, Group.C);

    /** Fixed so that `make test` is repeatable; scripts/diff-long picks fresh seeds. */
    static final long DEFAULT_SEED = 0x6e65_7875_7364_6966L;

    @TestFactory
    List<DynamicTest> differential() {
        long seed = seed();
        int count = Integer.getInteger("nexus.diff.count", 10_000);
        List<Group> groups = groups();
        System.out.printf("diff: seed=0x%x count=%d groups=%s (override with -Dnexus.diff.seed/-Dnexus.diff.count)%n",
                seed, count, groups);
        Path dir = GuestBuild.buildDir().resolve("diff");
        GuestRunner qemu = Engines.qemu();
        List<DynamicTest> tests = new ArrayList<>();
        for (Group g : groups) {
            for (Privilege p : Privilege.values()) {
                if (p == Privilege.S_SV39 && !SV39_GROUPS.contains(g)) {
                    continue;
                }
                for (GuestRunner engine : Engines.nexus()) {
                    tests.add(DynamicTest.dynamicTest(g + " " + p + " x" + count + " [" + engine.name() + " vs qemu]",
                            () -> assertNull(new DiffCampaign(g, p, seed, count, dir).compareAll(qemu, engine))));
                }
            }
        }
        return tests;
    }

    static long seed() {
        String s = System.getProperty("nexus.diff.seed");
        if (s == null || s.isBlank()) {
            return DEFAULT_SEED;
        }
        s = s.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    static List<Group> groups() {
        String s = System.getProperty("nexus.diff.groups");
        if (s == null || s.isBlank()) {
            return List.of(Group.values());
        }
        return Arrays.stream(s.split(",")).map(String::strip).map(x -> Group.valueOf(x.toUpperCase(Locale.ROOT))).toList();
    }
}
