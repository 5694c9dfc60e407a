package org.opennexus.machine.isa;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.opennexus.machine.Engine;
import org.opennexus.machine.Firmware;
import org.opennexus.machine.MachineConfig;
import org.opennexus.machine.RunResult;
import org.opennexus.machine.VirtMachine;

/**
 * Runs a guest in process on nexus like {@code nexus run --bios none --kernel FILE}: one hart,
 * 128 MiB (QEMU's default), deterministic clock, the given engine.
 */
public final class NexusRunner implements GuestRunner {
    private static final long MEMORY = 128L * 1024 * 1024;

    private final Engine engine;

    public NexusRunner(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return engine.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public GuestOutcome run(Path elf, Duration timeout) throws Exception {
        MachineConfig config = MachineConfig.builder()
                .kernel(elf)
                .firmware(Firmware.NONE)
                .memory(MEMORY)
                .engine(engine)
                .jitHotThreshold(1)   // translate on first sight: corpus and diff sequences run once
                .deterministic(true)
                .timeout(timeout)
                .build();
        try (VirtMachine machine = new VirtMachine(config)) {
            RunResult r = machine.run();
            return new GuestOutcome(r.exitCode(), r.reason() + (r.detail() == null ? "" : ": " + r.detail()),
                    r.uartOutput());
        }
    }
}
