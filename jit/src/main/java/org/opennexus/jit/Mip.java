package org.opennexus.jit;

/** Interrupt bits of mip/mie and interrupt cause codes (privileged spec 1.12, section 3.1.9). */
public final class Mip {
    public static final int IRQ_S_SOFT = 1;
    public static final int IRQ_M_SOFT = 3;
    public static final int IRQ_S_TIMER = 5;
    public static final int IRQ_M_TIMER = 7;
    public static final int IRQ_S_EXT = 9;
    public static final int IRQ_M_EXT = 11;

    public static final long SSIP = 1L << IRQ_S_SOFT;
    public static final long MSIP = 1L << IRQ_M_SOFT;
    public static final long STIP = 1L << IRQ_S_TIMER;
    public static final long MTIP = 1L << IRQ_M_TIMER;
    public static final long SEIP = 1L << IRQ_S_EXT;
    public static final long MEIP = 1L << IRQ_M_EXT;

    /** Interrupts that mideleg can delegate (QEMU: S_MODE_INTERRUPTS). */
    public static final long S_INTERRUPTS = SSIP | STIP | SEIP;
    public static final long ALL = S_INTERRUPTS | MSIP | MTIP | MEIP;

    private Mip() { }
}
