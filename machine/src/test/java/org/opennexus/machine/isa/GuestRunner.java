package org.opennexus.machine.isa;

import java.nio.file.Path;
import java.time.Duration;

/** Runs a bare-metal RV64 ELF on the virt board (M-mode at 0x80000000, no firmware) to completion. */
public interface GuestRunner {

    /** A short name shown in test names: "qemu", "interp", "jit". */
    String name();

    GuestOutcome run(Path elf, Duration timeout) throws Exception;
}
