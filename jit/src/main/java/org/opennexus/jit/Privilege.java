package org.opennexus.jit;

/** Privilege levels (privileged spec 1.12, section 1.2, table 1.1). */
public final class Privilege {
    public static final int PRV_U = 0;
    public static final int PRV_S = 1;
    public static final int PRV_M = 3;

    private Privilege() { }
}
