package org.opennexus.machine.storage;

import java.nio.file.Path;
import java.time.Duration;
import org.opennexus.machine.DriveConfig;
import org.opennexus.machine.ExitReason;
import org.opennexus.machine.Firmware;
import org.opennexus.machine.MachineConfig;
import org.opennexus.machine.RunResult;
import org.opennexus.machine.VirtMachine;

/** Boots a guest with {@code --bios none} and one drive on an in-process {@link VirtMachine}. */
final class InProcess {
    private InProcess() { }

    /** Runs to power-off (finisher PASS) and returns the UART output; fails otherwise. */
    static String boot(Path elf, DriveConfig drive, Duration timeout) throws Exception {
        MachineConfig c = MachineConfig.builder().kernel(elf).firmware(Firmware.NONE).drive(drive).timeout(timeout).build();
        RunResult r;
        try (VirtMachine m = new VirtMachine(c)) {
            r = m.run();
        }
        if (r.reason() != ExitReason.POWER_OFF || r.exitCode() != 0) {
            throw new AssertionError("guest " + elf.getFileName() + " ended with " + r.reason() + " (" + r.exitCode() + "): "
                    + r.detail() + "\n" + r.uartOutput());
        }
        return r.uartOutput();
    }
}
