package org.opennexus.jit.fpu;

import static org.opennexus.jit.fpu.FpFlags.NV;
import static org.opennexus.jit.fpu.FpFlags.NX;
import static org.opennexus.jit.fpu.RoundingMode.RDN;
import static org.opennexus.jit.fpu.RoundingMode.RNE;
import static org.opennexus.jit.fpu.RoundingMode.RTZ;
import static org.opennexus.jit.fpu.RoundingMode.RUP;

/**
 * Conversions between the formats and integers (FCVT.*). Float -> integer follows the ISA spec table
 * "Domains of float-to-integer conversions": out-of-range and NaN saturate and set NV only (not NX);
 * NaN gives the largest positive value; an in-range inexact result sets NX. The value is rounded first,
 * so e.g. -0.3 -> WU in RTZ is 0 with NX, not invalid. W/WU results are sign-extended from 32 bits.
 */
final class FpConvert {
    private FpConvert() {}

    /** x rounded to an integral binary64 value in mode rm (exact operations only). */
    private static double roundIntegral(double x, int rm) {
        return switch (rm) {
            case RNE -> Math.rint(x);
            case RTZ -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case RDN -> Math.floor(x);
            case RUP -> Math.ceil(x);
            default -> { // RMM: ties away from zero
                double t = x < 0 ? Math.ceil(x) : Math.floor(x);
                double frac = x - t; // exact
                if (frac >= 0.5) {
                    t += 1;
                } else if (frac <= -0.5) {
                    t -= 1;
                }
                yield t;
            }
        };
    }

    // ---- binary64 -> integer (binary32 sources are widened exactly first) ----

    static long toW(double x, int rm, FpFlags f) {
        if (x != x) {
            f.fflags |= NV;
            return Integer.MAX_VALUE;
        }
        double r = roundIntegral(x, rm);
        if (r > 2147483647.0) {
            f.fflags |= NV;
            return Integer.MAX_VALUE;
        }
        if (r < -2147483648.0) {
            f.fflags |= NV;
            return Integer.MIN_VALUE;
        }
        if (r != x) {
            f.fflags |= NX;
        }
        return (long) r;
    }

    static long toWU(double x, int rm, FpFlags f) {
        if (x != x) {
            f.fflags |= NV;
            return -1L; // 2^32-1, sign-extended
        }
        double r = roundIntegral(x, rm);
        if (r > 4294967295.0) {
            f.fflags |= NV;
            return -1L;
        }
        if (r < 0) { // -0.0 is not < 0: a negative value rounding to zero is merely inexact
            f.fflags |= NV;
            return 0;
        }
        if (r != x) {
            f.fflags |= NX;
        }
        return (int) (long) r;
    }

    static long toL(double x, int rm, FpFlags f) {
        if (x != x) {
            f.fflags |= NV;
            return Long.MAX_VALUE;
        }
        double r = roundIntegral(x, rm);
        if (r >= 0x1p63) {
            f.fflags |= NV;
            return Long.MAX_VALUE;
        }
        if (r < -0x1p63) {
            f.fflags |= NV;
            return Long.MIN_VALUE;
        }
        if (r != x) {
            f.fflags |= NX;
        }
        return (long) r;
    }

    static long toLU(double x, int rm, FpFlags f) {
        if (x != x) {
            f.fflags |= NV;
            return -1L;
        }
        double r = roundIntegral(x, rm);
        if (r >= 0x1p64) {
            f.fflags |= NV;
            return -1L;
        }
        if (r < 0) {
            f.fflags |= NV;
            return 0;
        }
        if (r != x) {
            f.fflags |= NX;
        }
        return r >= 0x1p63 ? (long) (r - 0x1p63) ^ Long.MIN_VALUE : (long) r;
    }

    // ---- integer -> binary64 / binary32: exact when small, otherwise rounded from the integer ----

    /** Rounds the integer (sign, unsigned magnitude) to binary64. */
    static long toD(boolean neg, long mag, int rm, FpFlags f) {
        if (mag == 0) {
            return 0; // +0 (integer zero has no sign)
        }
        if (mag > 0 && mag <= (1L << 53)) {
            double v = (double) mag;
            return Double.doubleToRawLongBits(neg ? -v : v);
        }
        return SoftRound.normRoundPackD(neg, 1084, mag, rm, f);
    }

    /** Rounds the integer (sign, unsigned magnitude) to binary32. */
    static int toS(boolean neg, long mag, int rm, FpFlags f) {
        if (mag == 0) {
            return 0;
        }
        if (mag > 0 && mag <= (1L << 24)) {
            float v = (float) mag;
            return Float.floatToRawIntBits(neg ? -v : v);
        }
        return SoftRound.normRoundPackS(neg, 156, mag, rm, f);
    }
}
