package org.opennexus.machine.diff;

/** Instruction groups of the differential test: what QEMU 7.2 implements of nexus's ISA. */
public enum Group {
    I, M, A, F, D, C, ZB;

    /** Whether sequences run with a random frm (the group has FP arithmetic). */
    boolean usesFrm() {
        return this == F || this == D;
    }

    BodyGenerator generator() {
        return switch (this) {
            case I, M, ZB -> new IntegerBodies(this);
            case A -> new AtomicBodies();
            case F -> new FloatBodies(false);
            case D -> new FloatBodies(true);
            case C -> new CompressedBodies();
        };
    }
}
