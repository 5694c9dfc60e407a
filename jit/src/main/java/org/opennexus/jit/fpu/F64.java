package org.opennexus.jit.fpu;

import static org.opennexus.jit.fpu.FpFlags.DZ;
import static org.opennexus.jit.fpu.FpFlags.NV;
import static org.opennexus.jit.fpu.FpFlags.NX;
import static org.opennexus.jit.fpu.RoundingMode.RDN;
import static org.opennexus.jit.fpu.RoundingMode.RMM;
import static org.opennexus.jit.fpu.RoundingMode.RNE;
import static org.opennexus.jit.fpu.RoundingMode.RTZ;
import static org.opennexus.jit.fpu.RoundingMode.RUP;

/**
 * binary64 arithmetic (D extension). Fast path: operands and result well inside the normal range,
 * computed by the host (which rounds RNE) with the exact error decided by an error-free transform
 * (TwoSum, TwoProduct via fma, division and square-root remainders via fma, ErrFma); its sign gives
 * RTZ/RDN/RUP by a one-ulp step. RMM (ties need the exact error's magnitude), results near
 * underflow/overflow and exact zero sums in directed modes go to the exact integer paths in {@link Exact64}.
 */
final class F64 {
    private F64() {}

    static final long CANON = 0x7FF8_0000_0000_0000L;
    static final long SIGN = Long.MIN_VALUE;
    private static final long ONE = 0x3FF0_0000_0000_0000L;
    private static final long EXP = 0x7FF0_0000_0000_0000L;
    /** Magnitude bounds of the fast paths: far enough from underflow that error terms are representable, and from overflow. */
    private static final double LO = 0x1p-900;
    private static final double HI = 0x1p1000;

    static boolean isNaN(long a) {
        return (a & Long.MAX_VALUE) > EXP;
    }

    static boolean isSNaN(long a) {
        return isNaN(a) && (a & 0x0008_0000_0000_0000L) == 0;
    }

    private static boolean isInf(long a) {
        return (a & Long.MAX_VALUE) == EXP;
    }

    private static boolean isZero(long a) {
        return (a & Long.MAX_VALUE) == 0;
    }

    /** True if a is NaN or infinite. */
    private static boolean special(long a) {
        return (a & EXP) == EXP;
    }

    private static double d(long a) {
        return Double.longBitsToDouble(a);
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    /**
     * Directed rounding from the RNE result: r = RN(v) is finite and normal with |r| in [LO, HI], and
     * 'up' says v > r (v != r). RTZ/RDN/RUP take r or its neighbour on v's side, which is the other end
     * of the interval holding v. (RMM differs from RNE only on exact ties and is not handled here.)
     */
    private static double directed(double r, boolean up, int rm) {
        if (rm == RUP) {
            return up ? Math.nextUp(r) : r;
        }
        if (rm == RDN) {
            return up ? r : Math.nextDown(r);
        }
        // RTZ: step toward zero when v is nearer to zero than r.
        if (r > 0) {
            return up ? r : Math.nextDown(r);
        }
        return up ? Math.nextUp(r) : r;
    }

    /** NaN operands: NV if any is signalling; the result is always the canonical NaN (no payload propagation). */
    private static long nan(long a, long b, FpFlags f) {
        if (isSNaN(a) || isSNaN(b)) {
            f.fflags |= NV;
        }
        return CANON;
    }

    private static long invalid(FpFlags f) {
        f.fflags |= NV;
        return CANON;
    }

    static long add(long a, long b, int rm, FpFlags f) {
        if (special(a) || special(b)) {
            if (isNaN(a) || isNaN(b)) {
                return nan(a, b, f);
            }
            if (isInf(a) && isInf(b) && (a ^ b) < 0) {
                return invalid(f); // inf - inf
            }
            return isInf(a) ? a : b;
        }
        if (rm == RNE) {
            double x = d(a);
            double y = d(b);
            double s = x + y;
            if (Math.abs(s) <= Double.MAX_VALUE) {
                // A finite sum can only raise NX: once NX is set (sticky), s is all there is to it.
                if ((f.fflags & NX) == 0) {
                    // TwoSum (Knuth): e = x + y - s exactly, in the absence of overflow.
                    double bb = s - x;
                    double e = (x - (s - bb)) + (y - bb);
                    if (e != 0) {
                        f.fflags |= NX;
                    }
                }
                return bits(s);
            }
        } else if (rm != RMM) {
            double x = d(a);
            double y = d(b);
            double s = x + y;
            if (s != 0 && Math.abs(s) <= HI) { // exact zero sums need the 6.3 sign rule: exact path
                double bb = s - x;
                double e = (x - (s - bb)) + (y - bb);
                if (e != 0) {
                    f.fflags |= NX;
                    s = directed(s, e > 0, rm);
                }
                return bits(s);
            }
        }
        return Exact64.fma(a, ONE, b, rm, f);
    }

    static long mul(long a, long b, int rm, FpFlags f) {
        if (special(a) || special(b)) {
            if (isNaN(a) || isNaN(b)) {
                return nan(a, b, f);
            }
            if (isZero(a) || isZero(b)) {
                return invalid(f); // inf * 0
            }
            return ((a ^ b) & SIGN) | EXP;
        }
        if (rm != RMM) {
            double x = d(a);
            double y = d(b);
            double p = x * y;
            double ap = Math.abs(p);
            if (ap >= LO && ap <= HI) {
                if (rm == RNE && (f.fflags & NX) != 0) {
                    return bits(p);   // in range, NX already set: the error term changes nothing
                }
                double e = Math.fma(x, y, -p); // TwoProduct error term, exact here
                if (e != 0) {
                    f.fflags |= NX;
                    if (rm != RNE) {
                        p = directed(p, e > 0, rm);
                    }
                }
                return bits(p);
            }
        }
        return Exact64.fma(a, b, (a ^ b) & SIGN, rm, f);
    }

    static long div(long a, long b, int rm, FpFlags f) {
        if (special(a) || special(b)) {
            if (isNaN(a) || isNaN(b)) {
                return nan(a, b, f);
            }
            if (isInf(a)) {
                return isInf(b) ? invalid(f) : ((a ^ b) & SIGN) | EXP;
            }
            return (a ^ b) & SIGN; // finite / inf
        }
        if (isZero(b)) {
            if (isZero(a)) {
                return invalid(f); // 0/0
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
        double aq = Math.abs(q);
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        if (aq >= LO && aq <= HI && ax >= LO && ax <= HI && ay >= LO && ay <= HI) {
            double rem = Math.fma(-q, y, x); // remainder x - q*y, exactly representable here
            if (rem != 0) {
                f.fflags |= NX;
                // x/y - q = rem/y. A quotient is never exactly halfway between two doubles, so RMM == RNE.
                if (rm != RNE && rm != RMM) {
                    q = directed(q, (rem > 0) != (y < 0), rm);
                }
            }
            return bits(q);
        }
        return Exact64.div(a, b, rm, f);
    }

    static long sqrt(long a, int rm, FpFlags f) {
        if (isNaN(a)) {
            return nan(a, a, f);
        }
        if (isZero(a)) {
            return a; // sqrt(-0) = -0
        }
        if (a < 0) {
            return invalid(f);
        }
        if (isInf(a)) {
            return a;
        }
        // Scale small inputs by an even power of two so that the remainder x - r*r is representable
        // (it is a multiple of ulp(r)^2); the result of a square root never over- or underflows.
        double x = d(a);
        boolean small = x < LO;
        if (small) {
            x *= 0x1p200;
        }
        double r = Math.sqrt(x); // correctly rounded, RNE
        double rem = Math.fma(-r, r, x);
        if (rem != 0) {
            f.fflags |= NX;
            // sqrt(x) > r iff rem > 0. A square root is never exactly halfway, so RMM == RNE.
            if (rem > 0 && rm == RUP) {
                r = Math.nextUp(r);
            } else if (rem < 0 && (rm == RTZ || rm == RDN)) {
                r = Math.nextDown(r);
            }
        }
        if (small) {
            r *= 0x1p-100;
        }
        return bits(r);
    }

    /** a*b+c with a single rounding (FMADD.D); the other three variants negate operands first. */
    static long fma(long a, long b, long c, int rm, FpFlags f) {
        if (special(a) || special(b) || special(c)) {
            return fmaSpecial(a, b, c, f);
        }
        if (rm != RMM) {
            double x = d(a);
            double y = d(b);
            double z = d(c);
            double r1 = Math.fma(x, y, z);
            double u1 = x * y;
            double au = Math.abs(u1);
            double az = Math.abs(z);
            double ar = Math.abs(r1);
            if (au >= LO && au <= HI && az <= HI && (az >= LO || z == 0) && ar >= LO && ar <= HI) {
                // ErrFma (Boldo & Muller, "Exact and approximated error of the FMA", IEEE TC 2011):
                // x*y + z = r1 + gamma + alpha2 exactly, so the result is exact iff gamma + alpha2 == 0.
                double u2 = Math.fma(x, y, -u1);
                double al1 = z + u2;
                double t = al1 - z;
                double al2 = (z - (al1 - t)) + (u2 - t);
                double be1 = u1 + al1;
                t = be1 - u1;
                double be2 = (u1 - (be1 - t)) + (al1 - t);
                double gamma = (be1 - r1) + be2;
                double err = gamma + al2; // RN of the exact error: same sign, zero only if exact
                if (err != 0) {
                    f.fflags |= NX;
                    if (rm != RNE) {
                        r1 = directed(r1, err > 0, rm);
                    }
                }
                return bits(r1);
            }
        }
        return Exact64.fma(a, b, c, rm, f);
    }

    private static long fmaSpecial(long a, long b, long c, FpFlags f) {
        // ISA spec (F, FMA): inf*0 is invalid even when the addend is a quiet NaN.
        boolean infZero = (isInf(a) && isZero(b)) || (isZero(a) && isInf(b));
        if (isSNaN(a) || isSNaN(b) || isSNaN(c) || infZero) {
            f.fflags |= NV;
        }
        if (isNaN(a) || isNaN(b) || isNaN(c) || infZero) {
            return CANON;
        }
        long signP = (a ^ b) & SIGN;
        if (isInf(a) || isInf(b)) {
            if (isInf(c) && (c & SIGN) != signP) {
                return invalid(f); // inf - inf
            }
            return signP | EXP;
        }
        return c; // finite product + inf
    }
}
