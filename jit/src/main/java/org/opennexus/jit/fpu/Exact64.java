package org.opennexus.jit.fpu;

import static org.opennexus.jit.fpu.RoundingMode.RDN;

/**
 * Exact integer slow paths for binary64 (used for directed rounding modes and for operands/results near
 * the underflow or overflow thresholds, where the host's error-free transforms are not exact).
 * Every routine computes the exact result as a significand with a sticky bit and hands it to
 * {@link SoftRound}. All inputs are finite; specials are handled by the callers.
 */
final class Exact64 {
    private Exact64() {}

    private static final long FRAC = 0x000F_FFFF_FFFF_FFFFL;
    private static final long HIDDEN = 0x0010_0000_0000_0000L;

    /** Significand with bit 52 set (subnormals normalised) for a finite non-zero double. */
    private static long mant(long bits) {
        long m = bits & FRAC;
        if ((bits & 0x7FF0_0000_0000_0000L) != 0) {
            return m | HIDDEN;
        }
        return m << (Long.numberOfLeadingZeros(m) - 11);
    }

    /** Exponent e with value = mant * 2^(e - 1075), consistent with {@link #mant}. */
    private static int expo(long bits) {
        int e = (int) (bits >>> 52) & 0x7FF;
        if (e != 0) {
            return e;
        }
        return 1 - (Long.numberOfLeadingZeros(bits & FRAC) - 11);
    }

    private static boolean isZero(long bits) {
        return (bits & Long.MAX_VALUE) == 0;
    }

    /** 128-bit (hi:lo) >> dist, high word. */
    private static long srjHi(long hi, int dist) {
        if (dist == 0) {
            return hi;
        }
        return dist < 64 ? hi >>> dist : 0;
    }

    /** 128-bit (hi:lo) >> dist with jamming, low word. */
    private static long srjLo(long hi, long lo, int dist) {
        if (dist == 0) {
            return lo;
        }
        if (dist < 64) {
            return (lo >>> dist) | (hi << (64 - dist)) | ((lo << (64 - dist)) != 0 ? 1 : 0);
        }
        if (dist == 64) {
            return hi | (lo != 0 ? 1 : 0);
        }
        if (dist < 128) {
            return (hi >>> (dist - 64)) | (((hi << (128 - dist)) | lo) != 0 ? 1 : 0);
        }
        return (hi | lo) != 0 ? 1 : 0;
    }

    /**
     * Correctly rounded a*b+c for finite a, b, c (FMADD.D semantics; also add: a*1+c, and mul: a*b+(±0)).
     * Sign of an exact zero result (IEEE 754 6.3): the common sign if both addends are zeros of the same
     * sign, otherwise +0, or -0 in RDN.
     */
    static long fma(long a, long b, long c, int rm, FpFlags f) {
        boolean signP = (a ^ b) < 0;
        boolean signC = c < 0;
        if (isZero(a) || isZero(b)) {
            if (!isZero(c)) {
                return c; // 0 + c is exact
            }
            boolean sign = signP == signC ? signP : rm == RDN;
            return sign ? Long.MIN_VALUE : 0;
        }
        // Product of the 53-bit significands: exact 106 bits, placed at bits 124..125 of X (low 20 bits zero).
        long ma = mant(a);
        long mb = mant(b);
        long pHi = Math.unsignedMultiplyHigh(ma, mb);
        long pLo = ma * mb;
        long xHi = (pHi << 20) | (pLo >>> 44);
        long xLo = pLo << 20;
        int e = expo(a) + expo(b) - 2170; // value(X) = X * 2^e
        boolean sign = signP;
        long zHi;
        long zLo;
        if (isZero(c)) {
            zHi = xHi;
            zLo = xLo;
        } else {
            // Addend's significand at bits 72..124 of Y.
            long yHi = mant(c) << 8;
            long yLo = 0;
            int eY = expo(c) - 1147;
            // Align to the larger scale; the operand shifted right is the smaller in magnitude, and
            // jamming it makes the sum below the round-to-odd of the exact sum, which rounds correctly.
            if (e > eY) {
                int d = e - eY;
                yLo = srjLo(yHi, yLo, d);
                yHi = srjHi(yHi, d);
            } else if (eY > e) {
                int d = eY - e;
                xLo = srjLo(xHi, xLo, d);
                xHi = srjHi(xHi, d);
                e = eY;
            }
            if (signP == signC) {
                zLo = xLo + yLo;
                zHi = xHi + yHi + (Long.compareUnsigned(zLo, xLo) < 0 ? 1 : 0);
            } else {
                int cmp = xHi != yHi ? Long.compareUnsigned(xHi, yHi) : Long.compareUnsigned(xLo, yLo);
                if (cmp == 0) {
                    return rm == RDN ? Long.MIN_VALUE : 0; // exact cancellation
                }
                if (cmp < 0) {
                    long t = xHi; xHi = yHi; yHi = t;
                    t = xLo; xLo = yLo; yLo = t;
                    sign = signC;
                }
                zLo = xLo - yLo;
                zHi = xHi - yHi - (Long.compareUnsigned(xLo, yLo) < 0 ? 1 : 0);
            }
        }
        // Normalise Z to a 64-bit significand with its leading one at bit 62 (jamming the rest).
        long sig;
        if (zHi != 0) {
            int k = (127 - Long.numberOfLeadingZeros(zHi)) - 62;
            sig = srjLo(zHi, zLo, k);
            e += k;
        } else {
            int msb = 63 - Long.numberOfLeadingZeros(zLo);
            if (msb >= 62) {
                sig = SoftRound.shiftRightJam(zLo, msb - 62);
                e += msb - 62;
            } else {
                sig = zLo << (62 - msb);
                e -= 62 - msb;
            }
        }
        return SoftRound.roundPackD(sign, e + 1084, sig, rm, f);
    }

    /** Correctly rounded a/b for finite non-zero a and b: restoring division, 63 quotient bits plus sticky. */
    static long div(long a, long b, int rm, FpFlags f) {
        long ma = mant(a);
        long mb = mant(b);
        long r = ma;
        long q = 0;
        for (int i = 0; i < 63; i++) {
            q <<= 1;
            if (r >= mb) {
                r -= mb;
                q |= 1;
            }
            r <<= 1;
        }
        // q = floor(ma * 2^62 / mb), in (2^61, 2^63); value = q * 2^(e - 1084).
        return SoftRound.normRoundPackD((a ^ b) < 0, expo(a) - expo(b) + 1022, q | (r != 0 ? 1 : 0), rm, f);
    }
}
