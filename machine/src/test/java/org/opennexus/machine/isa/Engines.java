package org.opennexus.machine.isa;

import java.util.List;
import org.opennexus.machine.Engine;

/** The nexus engines every corpus program and differential batch runs on. */
public final class Engines {
    private Engines() { }

    /** Add the translator here when it exists: {@code new NexusRunner(Engine.JIT)}. */
    public static List<GuestRunner> nexus() {
        return List.of(new NexusRunner(Engine.INTERP));
    }

    /** The reference. */
    public static GuestRunner qemu() {
        return new QemuRunner();
    }
}
