package org.opennexus.jit.fpu;

import static org.opennexus.jit.fpu.FpFlags.DZ;
import static org.opennexus.jit.fpu.FpFlags.NV;
import static org.opennexus.jit.fpu.FpFlags.NX;
import static org.opennexus.jit.fpu.RoundingMode.RDN;
import static org.opennexus.jit.fpu.RoundingMode.RNE;

/**
 * binary32 arithmetic (F extension). Each operation is computed in binary64 either exactly
 * (products of two 24-bit significands, TwoSum-exact sums) or rounded to odd (the binary64 result is
 * stepped to its odd neighbour when an exact error term says it is inexact). Rounding a round-to-odd
 * value with at least p+2 bits once more to p bits gives the correctly rounded result in every mode
 * (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to
 * odd"), so the last step, {@link #round}, is a single rounding binary64 -> binary32 (53 >= 24 + 2),
 * including correct tininess after rounding and the inexact flag.
 */
final class F32 {
    private F32() {}

    static final int CANON = 0x7FC0_0000;
    static final int SIGN = Integer.MIN_VALUE;
    private static final int EXP = 0x7F80_0000;

    static boolean isNaN(int a) {
        return (a & Integer.MAX_VALUE) > EXP;
    }

    static boolean isSNaN(int a) {
        return isNaN(a) && (a & 0x0040_0000) == 0;
    }

    private static boolean isInf(int a) {
        return (a & Integer.MAX_VALUE) == EXP;
    }

    private static boolean isZero(int a) {
        return (a & Integer.MAX_VALUE) == 0;
    }

    private static boolean special(int a) {
        return (a & EXP) == EXP;
    }

    private static double d(int a) {
        return Float.intBitsToFloat(a);
    }

    private static int nan(int a, int b, FpFlags f) {
        if (isSNaN(a) || isSNaN(b)) {
            f.fflags |= NV;
        }
        return CANON;
    }

    private static int invalid(FpFlags f) {
        f.fflags |= NV;
        return CANON;
    }

    /** Steps r, the binary64 round-to-nearest of v with v - r of sign 'up', to the odd neighbour bracketing v. */
    private static double toOdd(double r, boolean up) {
        if ((Double.doubleToRawLongBits(r) & 1) == 0) {
            return up ? Math.nextUp(r) : Math.nextDown(r);
        }
        return r;
    }

    /** Rounds a finite non-zero binary64 value (exact or rounded to odd) to binary32. */
    static int round(double v, int rm, FpFlags f) {
        if (rm == RNE) {
            float r = (float) v;
            float ar = Math.abs(r);
            if (ar > Float.MIN_NORMAL && ar <= Float.MAX_VALUE) {
                if (r != v) {
                    f.fflags |= NX;
                }
                return Float.floatToRawIntBits(r);
            }
        }
        return SoftRound.roundDoubleToS(Double.doubleToRawLongBits(v), rm, f);
    }

    /** Exact zero sum x + y (IEEE 754 6.3): like signs keep their sign, otherwise +0, or -0 in RDN. */
    private static int zeroSum(double x, double y, int rm) {
        boolean neg = rm == RDN ? (Double.doubleToRawLongBits(x) | Double.doubleToRawLongBits(y)) < 0
                                : (Double.doubleToRawLongBits(x) & Double.doubleToRawLongBits(y)) < 0;
        return neg ? SIGN : 0;
    }

    static int add(int a, int b, int rm, FpFlags f) {
        if (special(a) || special(b)) {
            if (isNaN(a) || isNaN(b)) {
                return nan(a, b, f);
            }
            if (isInf(a) && isInf(b) && (a ^ b) < 0) {
                return invalid(f);
            }
            return isInf(a) ? a : b;
        }
        return sum(d(a), d(b), rm, f);
    }

    /** Rounds x + y for binary64 values that are exact products or binary32 values (TwoSum is exact: no overflow). */
    private static int sum(double x, double y, int rm, FpFlags f) {
        double s = x + y;
        double bb = s - x;
        double e = (x - (s - bb)) + (y - bb);
        if (e != 0) {
            return round(toOdd(s, e > 0), rm, f);
        }
        if (s == 0) {
            return zeroSum(x, y, rm);
        }
        return round(s, rm, f);
    }

    static int mul(int a, int b, int rm, FpFlags f) {
        if (special(a) || special(b)) {
            if (isNaN(a) || isNaN(b)) {
                return nan(a, b, f);
            }
            if (isZero(a) || isZero(b)) {
                return invalid(f);
            }
            return ((a ^ b) & SIGN) | EXP;
        }
        double p = d(a) * d(b); // exact: 48-bit significand, exponent well inside binary64's range
        if (p == 0) {
            return (a ^ b) & SIGN;
        }
        return round(p, rm, f);
    }

    static int div(int a, int b, int rm, FpFlags f) {
        if (special(a) || special(b)) {
            if (isNaN(a) || isNaN(b)) {
                return nan(a, b, f);
            }
            if (isInf(a)) {
                return isInf(b) ? invalid(f) : ((a ^ b) & SIGN) | EXP;
            }
            return (a ^ b) & SIGN;
        }
        if (isZero(b)) {
            if (isZero(a)) {
                return invalid(f);
            }
            f.fflags |= DZ;
            return ((a ^ b) & SIGN) | EXP;
        }
        if (isZero(a)) {
            return (a ^ b) & SIGN;
        }
        double x = d(a);
        double y = d(b);
        double q = x / y;
        double rem = Math.fma(-q, y, x); // exact: x - q*y is representable for these exponent ranges
        if (rem != 0) {
            q = toOdd(q, (rem > 0) != (y < 0)); // x/y - q = rem/y
        }
        return round(q, rm, f);
    }

    static int sqrt(int a, int rm, FpFlags f) {
        if (isNaN(a)) {
            return nan(a, a, f);
        }
        if (isZero(a)) {
            return a;
        }
        if (a < 0) {
            return invalid(f);
        }
        if (isInf(a)) {
            return a;
        }
        double x = d(a);
        double r = Math.sqrt(x);
        double rem = Math.fma(-r, r, x); // exact: x >= 2^-149 keeps x - r*r on binary64's grid
        if (rem != 0) {
            r = toOdd(r, rem > 0);
        }
        return round(r, rm, f);
    }

    static int fma(int a, int b, int c, int rm, FpFlags f) {
        if (special(a) || special(b) || special(c)) {
            boolean infZero = (isInf(a) && isZero(b)) || (isZero(a) && isInf(b));
            if (isSNaN(a) || isSNaN(b) || isSNaN(c) || infZero) {
                f.fflags |= NV;
            }
            if (isNaN(a) || isNaN(b) || isNaN(c) || infZero) {
                return CANON;
            }
            int signP = (a ^ b) & SIGN;
            if (isInf(a) || isInf(b)) {
                if (isInf(c) && (c & SIGN) != signP) {
                    return invalid(f);
                }
                return signP | EXP;
            }
            return c;
        }
        return sum(d(a) * d(b), d(c), rm, f); // the product is exact in binary64
    }
}
