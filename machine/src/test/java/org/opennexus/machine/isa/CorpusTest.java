package org.opennexus.machine.isa;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every program of the bare-metal corpus (jit/src/test/guest/isa) on each nexus engine, and
 * the {@code both} programs on QEMU too (which validates the program itself). One dynamic test per
 * program and engine. A failure names the test case number (the finisher code) and the UART text.
 */
@Tag("corpus")
class CorpusTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TestFactory
    List<DynamicTest> corpus() throws Exception {
        CorpusManifest manifest = CorpusManifest.load(GuestBuild.isaDir());
        List<GuestRunner> runners = new ArrayList<>(Engines.nexus());
        GuestRunner qemu = Engines.qemu();
        List<DynamicTest> tests = new ArrayList<>();
        for (CorpusManifest.Entry e : manifest.entries()) {
            for (GuestRunner r : runners) {
                tests.add(DynamicTest.dynamicTest(e.name() + " [" + r.name() + "]", () -> check(e, r)));
            }
            if (e.where() == CorpusManifest.Where.BOTH) {
                tests.add(DynamicTest.dynamicTest(e.name() + " [" + qemu.name() + "]", () -> check(e, qemu)));
            }
        }
        return tests;
    }

    static void check(CorpusManifest.Entry e, GuestRunner runner) throws Exception {
        GuestOutcome o = runner.run(e.elf(), TIMEOUT);
        if (!o.passed()) {
            fail(describe(e.name(), runner.name(), o));
        }
    }

    static String describe(String name, String engine, GuestOutcome o) {
        String what;
        if (o.exitCode() == GuestOutcome.EXIT_TIMEOUT) {
            what = "timed out";
        } else if (o.exitCode() >= 0xe0 && o.exitCode() < 0xf0) {
            what = "unexpected interrupt " + (o.exitCode() & 0xf);
        } else if (o.exitCode() >= 0xc0 && o.exitCode() < 0xd0) {
            what = "unexpected exception cause " + (o.exitCode() & 0xf);
        } else {
            what = "test case " + o.exitCode() + " failed";
        }
        return name + " on " + engine + ": " + what + " (exit " + o.exitCode() + ", " + o.reason() + ")\nUART:\n"
                + o.uart();
    }
}
