package org.opennexus.jit.fpu;

import static org.opennexus.jit.fpu.FpFlags.NV;

/** FMIN/FMAX, FEQ/FLT/FLE and FCLASS for both formats (ISA spec, F: "Single-Precision Floating-Point Compare/Classify"). */
final class FpCompare {
    private FpCompare() {}

    // ---- binary32 ----

    /** minimumNumber (IEEE 754-2019): -0 < +0; one NaN gives the other operand; two NaNs the canonical NaN; sNaN sets NV. */
    static int minS(int a, int b, FpFlags f) {
        return minMaxS(a, b, f, true);
    }

    static int maxS(int a, int b, FpFlags f) {
        return minMaxS(a, b, f, false);
    }

    private static int minMaxS(int a, int b, FpFlags f, boolean min) {
        boolean na = F32.isNaN(a);
        boolean nb = F32.isNaN(b);
        if (na || nb) {
            if (F32.isSNaN(a) || F32.isSNaN(b)) {
                f.fflags |= NV;
            }
            return na ? (nb ? F32.CANON : b) : a;
        }
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        if (x != y) {
            return (x < y) == min ? a : b;
        }
        return min ? a | b : a & b; // equal: differ only for +0/-0, where the sign bit decides
    }

    /** FEQ.S is a quiet comparison: NV only for signalling NaNs. */
    static long eqS(int a, int b, FpFlags f) {
        if (F32.isNaN(a) || F32.isNaN(b)) {
            if (F32.isSNaN(a) || F32.isSNaN(b)) {
                f.fflags |= NV;
            }
            return 0;
        }
        return Float.intBitsToFloat(a) == Float.intBitsToFloat(b) ? 1 : 0;
    }

    /** FLT.S / FLE.S are signalling: NV for any NaN operand. */
    static long ltS(int a, int b, FpFlags f) {
        if (F32.isNaN(a) || F32.isNaN(b)) {
            f.fflags |= NV;
            return 0;
        }
        return Float.intBitsToFloat(a) < Float.intBitsToFloat(b) ? 1 : 0;
    }

    static long leS(int a, int b, FpFlags f) {
        if (F32.isNaN(a) || F32.isNaN(b)) {
            f.fflags |= NV;
            return 0;
        }
        return Float.intBitsToFloat(a) <= Float.intBitsToFloat(b) ? 1 : 0;
    }

    /** FCLASS result bit positions (ISA spec table "Format of result of FCLASS instruction"). */
    private static long classify(boolean neg, boolean inf, boolean nan, boolean quiet, boolean zero, boolean subnormal) {
        if (nan) {
            return quiet ? 1 << 9 : 1 << 8;
        }
        int bit;
        if (inf) {
            bit = 0;
        } else if (zero) {
            bit = 3;
        } else if (subnormal) {
            bit = 2;
        } else {
            bit = 1;
        }
        return 1L << (neg ? bit : 7 - bit);
    }

    static long classS(int a) {
        int e = (a >>> 23) & 0xFF;
        int m = a & 0x7F_FFFF;
        return classify(a < 0, e == 0xFF && m == 0, e == 0xFF && m != 0, (m & 0x40_0000) != 0,
                e == 0 && m == 0, e == 0 && m != 0);
    }

    // ---- binary64 ----

    static long minD(long a, long b, FpFlags f) {
        return minMaxD(a, b, f, true);
    }

    static long maxD(long a, long b, FpFlags f) {
        return minMaxD(a, b, f, false);
    }

    private static long minMaxD(long a, long b, FpFlags f, boolean min) {
        boolean na = F64.isNaN(a);
        boolean nb = F64.isNaN(b);
        if (na || nb) {
            if (F64.isSNaN(a) || F64.isSNaN(b)) {
                f.fflags |= NV;
            }
            return na ? (nb ? F64.CANON : b) : a;
        }
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        if (x != y) {
            return (x < y) == min ? a : b;
        }
        return min ? a | b : a & b;
    }

    static long eqD(long a, long b, FpFlags f) {
        if (F64.isNaN(a) || F64.isNaN(b)) {
            if (F64.isSNaN(a) || F64.isSNaN(b)) {
                f.fflags |= NV;
            }
            return 0;
        }
        return Double.longBitsToDouble(a) == Double.longBitsToDouble(b) ? 1 : 0;
    }

    static long ltD(long a, long b, FpFlags f) {
        if (F64.isNaN(a) || F64.isNaN(b)) {
            f.fflags |= NV;
            return 0;
        }
        return Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? 1 : 0;
    }

    static long leD(long a, long b, FpFlags f) {
        if (F64.isNaN(a) || F64.isNaN(b)) {
            f.fflags |= NV;
            return 0;
        }
        return Double.longBitsToDouble(a) <= Double.longBitsToDouble(b) ? 1 : 0;
    }

    static long classD(long a) {
        int e = (int) (a >>> 52) & 0x7FF;
        long m = a & 0x000F_FFFF_FFFF_FFFFL;
        return classify(a < 0, e == 0x7FF && m == 0, e == 0x7FF && m != 0, (m & 0x0008_0000_0000_0000L) != 0,
                e == 0 && m == 0, e == 0 && m != 0);
    }
}
