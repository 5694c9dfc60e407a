package org.opennexus.jit;

/** Bit fields of mstatus/sstatus for RV64 (privileged spec 1.12, section 3.1.6, figure 3.7). */
public final class Mstatus {
    public static final long SIE = 1L << 1;
    public static final long MIE = 1L << 3;
    public static final long SPIE = 1L << 5;
    public static final long UBE = 1L << 6;
    public static final long MPIE = 1L << 7;
    public static final long SPP = 1L << 8;
    public static final long VS = 3L << 9;
    public static final int MPP_SHIFT = 11;
    public static final long MPP = 3L << MPP_SHIFT;
    public static final int FS_SHIFT = 13;
    public static final long FS = 3L << FS_SHIFT;
    public static final long FS_DIRTY = 3L << FS_SHIFT;
    public static final long XS = 3L << 15;
    public static final long MPRV = 1L << 17;
    public static final long SUM = 1L << 18;
    public static final long MXR = 1L << 19;
    public static final long TVM = 1L << 20;
    public static final long TW = 1L << 21;
    public static final long TSR = 1L << 22;
    public static final long UXL = 3L << 32;
    public static final long SXL = 3L << 34;
    public static final long SBE = 1L << 36;
    public static final long MBE = 1L << 37;
    public static final long SD = 1L << 63;

    /** UXL = SXL = 2 (64-bit), read-only. */
    public static final long XL64 = (2L << 32) | (2L << 34);

    /** Bits M-mode software may write (QEMU write_mstatus without H/V). */
    public static final long M_WRITABLE = SIE | MIE | SPIE | MPIE | SPP | MPP | FS | MPRV | SUM | MXR | TVM | TW | TSR;
    /** Bits visible through sstatus (section 4.1.1). */
    public static final long S_READABLE = SIE | SPIE | UBE | SPP | VS | FS | XS | SUM | MXR | UXL | SD;
    /** Bits S-mode software may write through sstatus. */
    public static final long S_WRITABLE = SIE | SPIE | SPP | FS | SUM | MXR;

    private Mstatus() { }
}
