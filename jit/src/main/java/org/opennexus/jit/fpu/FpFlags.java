package org.opennexus.jit.fpu;

/**
 * Accumulated IEEE 754 exception flags, in the bit layout of the RISC-V fflags CSR
 * (ISA spec, "F" extension, fcsr: NV DZ OF UF NX from bit 4 down to bit 0).
 * Operations only ever OR bits into {@link #fflags}; the hart owns clearing it.
 */
public final class FpFlags {
    /** Invalid operation. */
    public static final int NV = 16;
    /** Divide by zero. */
    public static final int DZ = 8;
    /** Overflow. */
    public static final int OF = 4;
    /** Underflow (tiny after rounding AND inexact). */
    public static final int UF = 2;
    /** Inexact. */
    public static final int NX = 1;

    public int fflags;
}
