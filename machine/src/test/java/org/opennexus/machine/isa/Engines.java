package org.opennexus.machine.isa;

import java.util.List;
import org.opennexus.machine.Engine;

/** The nexus engines every corpus program and differential batch runs on. */
public final class Engines {
    private Engines() { }

    /** The interpreter (reference engine) and the translator. */
    public static List<GuestRunner> nexus() {
        return List.of(new NexusRunner(Engine.INTERP), new NexusRunner(Engine.JIT));
    }

    /** The reference. */
    public static GuestRunner qemu() {
        return new QemuRunner();
    }
}
