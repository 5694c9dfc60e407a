package org.opennexus.jit.fpu;

/** RISC-V rounding-mode encodings (rm field / frm CSR, ISA spec "F" extension, table "Rounding mode encoding"). */
public final class RoundingMode {
    /** Round to nearest, ties to even. */
    public static final int RNE = 0;
    /** Round towards zero. */
    public static final int RTZ = 1;
    /** Round down (towards negative infinity). */
    public static final int RDN = 2;
    /** Round up (towards positive infinity). */
    public static final int RUP = 3;
    /** Round to nearest, ties to max magnitude. */
    public static final int RMM = 4;
    /** In an instruction's rm field: use frm. Invalid as a value of frm itself. */
    public static final int DYN = 7;

    private RoundingMode() {}

    /** True for the five modes an operation can be performed in (0..4); 5, 6 and 7 (DYN, once resolved) are reserved. */
    public static boolean isValid(int rm) {
        return rm >= RNE && rm <= RMM;
    }
}
