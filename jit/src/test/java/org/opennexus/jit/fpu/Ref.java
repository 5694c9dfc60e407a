package org.opennexus.jit.fpu;

import java.math.BigInteger;

/**
 * Independent reference model of IEEE 754 binary32/binary64 arithmetic as RISC-V defines it, used as a
 * test oracle. It shares no code with the implementation: operands are decoded to exact rationals
 * (BigInteger), the operation is computed exactly, and the result is rounded by the textbook definition
 * (IEEE 754-2019 4.3, 7.4-7.6): first with unbounded exponent (tininess is detected AFTER rounding, as RISC-V
 * specifies), then at the format's precision with subnormals. Bits are carried in a long for both formats.
 */
final class Ref {
    static final int NV = 16, DZ = 8, OF = 4, UF = 2, NX = 1;
    static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

    /** A binary interchange format: p significand bits (with the hidden one), ebits exponent bits. */
    record Fmt(int p, int ebits) {
        int bias() { return (1 << (ebits - 1)) - 1; }
        int emin() { return 1 - bias(); }
        int emax() { return bias(); }
        int width() { return p + ebits; }
        long signBit() { return 1L << (width() - 1); }
        long expAllOnes() { return (1L << ebits) - 1; }
        long fracMask() { return (1L << (p - 1)) - 1; }
        long canonicalNaN() { return (expAllOnes() << (p - 1)) | (1L << (p - 2)); }
        long inf(boolean neg) { return (neg ? signBit() : 0) | (expAllOnes() << (p - 1)); }
        long maxFinite(boolean neg) { return inf(neg) - 1; }
        long zero(boolean neg) { return neg ? signBit() : 0; }
    }

    static final Fmt S = new Fmt(24, 8);
    static final Fmt D = new Fmt(53, 11);

    enum Kind { FINITE, INF, QNAN, SNAN }

    /** A decoded operand: |value| = mant * 2^exp for finite values (mant may be zero). */
    record Val(Kind kind, boolean neg, BigInteger mant, int exp) {
        boolean nan() { return kind == Kind.QNAN || kind == Kind.SNAN; }
        boolean snan() { return kind == Kind.SNAN; }
        boolean inf() { return kind == Kind.INF; }
        boolean zero() { return kind == Kind.FINITE && mant.signum() == 0; }
        /** The signed exact value as num * 2^exp. */
        BigInteger signedMant() { return neg ? mant.negate() : mant; }
    }

    static Val decode(Fmt F, long bits) {
        boolean neg = ((bits >>> (F.width() - 1)) & 1) != 0;
        long e = (bits >>> (F.p() - 1)) & F.expAllOnes();
        long frac = bits & F.fracMask();
        if (e == F.expAllOnes()) {
            if (frac == 0) {
                return new Val(Kind.INF, neg, BigInteger.ZERO, 0);
            }
            boolean quiet = ((frac >>> (F.p() - 2)) & 1) != 0;
            return new Val(quiet ? Kind.QNAN : Kind.SNAN, neg, BigInteger.ZERO, 0);
        }
        long m = e == 0 ? frac : frac | (1L << (F.p() - 1));
        int exp = (int) (e == 0 ? 1 : e) - F.bias() - (F.p() - 1);
        return new Val(Kind.FINITE, neg, BigInteger.valueOf(m), exp);
    }

    /** A positive exact real: num * 2^k / den, or the square root of that when sqrt is set. */
    record Exact(BigInteger num, int k, BigInteger den, boolean sqrt) {
        static Exact of(BigInteger num, int k) { return new Exact(num, k, BigInteger.ONE, false); }

        /** {floor(num * 2^(k+s) / den), remainder}. */
        private BigInteger[] divRaw(int s) {
            int sh = k + s;
            if (den.equals(BigInteger.ONE) && sh >= 0) {
                return new BigInteger[] {num.shiftLeft(sh), BigInteger.ZERO};
            }
            if (den.equals(BigInteger.ONE)) {
                BigInteger q = num.shiftRight(-sh);
                return new BigInteger[] {q, num.subtract(q.shiftLeft(-sh))};
            }
            BigInteger n = sh >= 0 ? num.shiftLeft(sh) : num;
            BigInteger d = sh >= 0 ? den : den.shiftLeft(-sh);
            return n.divideAndRemainder(d);
        }

        /** floor(value * 2^s). */
        BigInteger floor(int s) {
            if (!sqrt) {
                return divRaw(s)[0];
            }
            return divRaw(2 * s)[0].sqrt(); // floor(sqrt(y)) == floor(sqrt(floor(y)))
        }

        /** Whether value * 2^s is an integer. */
        boolean exact(int s) {
            if (!sqrt) {
                return divRaw(s)[1].signum() == 0;
            }
            BigInteger[] qr = divRaw(2 * s);
            BigInteger r = qr[0].sqrt();
            return qr[1].signum() == 0 && r.multiply(r).equals(qr[0]);
        }

        int log2Estimate() {
            int e = num.bitLength() - den.bitLength() + k;
            return sqrt ? Math.floorDiv(e, 2) : e;
        }
    }

    private static boolean increment(int rm, boolean neg, boolean lsb, boolean half, boolean sticky) {
        return switch (rm) {
            case RNE -> half && (sticky || lsb);
            case RMM -> half;
            case RTZ -> false;
            case RDN -> neg && (half || sticky);
            case RUP -> !neg && (half || sticky);
            default -> throw new IllegalArgumentException("rm " + rm);
        };
    }

    /** Rounds the non-zero value (neg ? -v : v) to format F in mode rm, ORing flags into fl[0]. */
    static long round(Fmt F, boolean neg, Exact v, int rm, int[] fl) {
        int p = F.p();
        int e = v.log2Estimate();
        while (true) { // find e with 2^e <= v < 2^(e+1)
            BigInteger t = v.floor(-e);
            if (t.signum() == 0) {
                e--;
            } else if (t.bitLength() > 1) {
                e++;
            } else {
                break;
            }
        }
        // 1. Unbounded exponent, p bits: detects overflow and tininess after rounding.
        int s = p - 1 - e;
        BigInteger t = v.floor(s);
        boolean half = v.floor(s + 1).testBit(0);
        boolean sticky = !v.exact(s + 1);
        int eU = e;
        if (increment(rm, neg, t.testBit(0), half, sticky) && t.add(BigInteger.ONE).bitLength() > p) {
            eU = e + 1;
        }
        if (eU > F.emax()) {
            fl[0] |= OF | NX;
            boolean toInf = switch (rm) {
                case RNE, RMM -> true;
                case RTZ -> false;
                case RDN -> neg;
                default -> !neg;
            };
            return toInf ? F.inf(neg) : F.maxFinite(neg);
        }
        boolean tiny = eU < F.emin();
        // 2. The format's precision: quantum 2^(max(e, emin) - p + 1).
        int eB = Math.max(e, F.emin());
        s = p - 1 - eB;
        t = v.floor(s);
        half = v.floor(s + 1).testBit(0);
        sticky = !v.exact(s + 1);
        BigInteger m = increment(rm, neg, t.testBit(0), half, sticky) ? t.add(BigInteger.ONE) : t;
        if (half || sticky) {
            fl[0] |= NX;
            if (tiny) {
                fl[0] |= UF;
            }
        }
        if (m.bitLength() > p) {
            m = m.shiftRight(1);
            eB++;
        }
        long bits;
        if (m.bitLength() == p) {
            bits = ((long) (eB + F.bias()) << (p - 1)) | (m.longValue() & F.fracMask());
        } else {
            bits = m.longValue(); // subnormal or zero
        }
        return neg ? bits | F.signBit() : bits;
    }

    private static long nanResult(Fmt F, int[] fl, Val... vs) {
        for (Val v : vs) {
            if (v.snan()) {
                fl[0] |= NV;
            }
        }
        return F.canonicalNaN();
    }

    private static boolean anyNaN(Val... vs) {
        for (Val v : vs) {
            if (v.nan()) {
                return true;
            }
        }
        return false;
    }

    /** Rounds the exact signed sum num * 2^k; an exact zero gets the IEEE 754 6.3 sign. */
    private static long roundSum(Fmt F, BigInteger num, int k, boolean zeroSign, int rm, int[] fl) {
        if (num.signum() == 0) {
            return F.zero(zeroSign);
        }
        return round(F, num.signum() < 0, Exact.of(num.abs(), k), rm, fl);
    }

    /** Sign of an exact zero sum x+y (6.3): same-signed zeros keep it, anything else is +0 (-0 in RDN). */
    private static boolean zeroSumSign(boolean bothZeroSameSign, boolean sign, int rm) {
        return bothZeroSameSign ? sign : rm == RDN;
    }

    static long add(Fmt F, long a, long b, int rm, int[] fl) {
        Val x = decode(F, a), y = decode(F, b);
        if (anyNaN(x, y)) {
            return nanResult(F, fl, x, y);
        }
        if (x.inf() && y.inf()) {
            if (x.neg() != y.neg()) {
                fl[0] |= NV;
                return F.canonicalNaN();
            }
            return a;
        }
        if (x.inf()) {
            return a;
        }
        if (y.inf()) {
            return b;
        }
        int k = Math.min(x.exp(), y.exp());
        BigInteger n = x.signedMant().shiftLeft(x.exp() - k).add(y.signedMant().shiftLeft(y.exp() - k));
        boolean z = x.zero() && y.zero() && x.neg() == y.neg();
        return roundSum(F, n, k, zeroSumSign(z, x.neg(), rm), rm, fl);
    }

    static long sub(Fmt F, long a, long b, int rm, int[] fl) {
        return add(F, a, b ^ F.signBit(), rm, fl);
    }

    static long mul(Fmt F, long a, long b, int rm, int[] fl) {
        Val x = decode(F, a), y = decode(F, b);
        if (anyNaN(x, y)) {
            return nanResult(F, fl, x, y);
        }
        boolean neg = x.neg() != y.neg();
        if ((x.inf() && y.zero()) || (x.zero() && y.inf())) {
            fl[0] |= NV;
            return F.canonicalNaN();
        }
        if (x.inf() || y.inf()) {
            return F.inf(neg);
        }
        if (x.zero() || y.zero()) {
            return F.zero(neg);
        }
        return round(F, neg, Exact.of(x.mant().multiply(y.mant()), x.exp() + y.exp()), rm, fl);
    }

    static long div(Fmt F, long a, long b, int rm, int[] fl) {
        Val x = decode(F, a), y = decode(F, b);
        if (anyNaN(x, y)) {
            return nanResult(F, fl, x, y);
        }
        boolean neg = x.neg() != y.neg();
        if ((x.inf() && y.inf()) || (x.zero() && y.zero())) {
            fl[0] |= NV;
            return F.canonicalNaN();
        }
        if (x.inf()) {
            return F.inf(neg);
        }
        if (y.inf()) {
            return F.zero(neg);
        }
        if (y.zero()) {
            fl[0] |= DZ;
            return F.inf(neg);
        }
        if (x.zero()) {
            return F.zero(neg);
        }
        return round(F, neg, new Exact(x.mant(), x.exp() - y.exp(), y.mant(), false), rm, fl);
    }

    static long sqrt(Fmt F, long a, int rm, int[] fl) {
        Val x = decode(F, a);
        if (x.nan()) {
            return nanResult(F, fl, x);
        }
        if (x.zero()) {
            return a;
        }
        if (x.neg()) {
            fl[0] |= NV;
            return F.canonicalNaN();
        }
        if (x.inf()) {
            return a;
        }
        return round(F, false, new Exact(x.mant(), x.exp(), BigInteger.ONE, true), rm, fl);
    }

    /** (negProduct ? -(a*b) : a*b) + (negC ? -c : c), rounded once. */
    static long fma(Fmt F, long a, long b, long c, boolean negProduct, boolean negC, int rm, int[] fl) {
        Val x = decode(F, a), y = decode(F, b), z = decode(F, c);
        boolean infZero = (x.inf() && y.zero()) || (x.zero() && y.inf());
        if (anyNaN(x, y, z) || infZero) {
            long r = nanResult(F, fl, x, y, z);
            if (infZero) {
                fl[0] |= NV; // ISA spec: even when the addend is a quiet NaN
            }
            return r;
        }
        boolean pNeg = (x.neg() != y.neg()) != negProduct;
        boolean cNeg = z.neg() != negC;
        if (x.inf() || y.inf()) {
            if (z.inf() && cNeg != pNeg) {
                fl[0] |= NV;
                return F.canonicalNaN();
            }
            return F.inf(pNeg);
        }
        if (z.inf()) {
            return F.inf(cNeg);
        }
        int pe = x.exp() + y.exp();
        BigInteger pm = x.mant().multiply(y.mant());
        if (pNeg) {
            pm = pm.negate();
        }
        BigInteger cm = cNeg ? z.mant().negate() : z.mant();
        int k = Math.min(pe, z.exp());
        BigInteger n = pm.shiftLeft(pe - k).add(cm.shiftLeft(z.exp() - k));
        boolean productZero = x.zero() || y.zero();
        boolean zs = productZero && z.zero() && pNeg == cNeg;
        return roundSum(F, n, k, zeroSumSign(zs, pNeg, rm), rm, fl);
    }

    // ---- comparisons, min/max, classify ----

    /** Compares finite-or-infinite non-NaN values numerically (-0 == +0). */
    static int cmp(Fmt F, long a, long b) {
        Val x = decode(F, a), y = decode(F, b);
        if (x.inf() || y.inf()) {
            int vx = x.inf() ? (x.neg() ? -1 : 1) : 0;
            int vy = y.inf() ? (y.neg() ? -1 : 1) : 0;
            if (vx != vy) {
                return Integer.compare(vx, vy);
            }
            if (x.inf()) {
                return 0; // same infinity
            }
            // unreachable: one inf, other finite handled by vx != vy
        }
        int k = Math.min(x.exp(), y.exp());
        return x.signedMant().shiftLeft(x.exp() - k).compareTo(y.signedMant().shiftLeft(y.exp() - k));
    }

    static long minMax(Fmt F, long a, long b, boolean min, int[] fl) {
        Val x = decode(F, a), y = decode(F, b);
        if (x.snan() || y.snan()) {
            fl[0] |= NV;
        }
        if (x.nan() && y.nan()) {
            return F.canonicalNaN();
        }
        if (x.nan()) {
            return b;
        }
        if (y.nan()) {
            return a;
        }
        int c = cmp(F, a, b);
        if (c == 0) { // equal values: only +0/-0 differ; -0 is the smaller
            c = Boolean.compare(!x.neg(), !y.neg());
        }
        return (c <= 0) == min ? a : b;
    }

    static long compare(Fmt F, long a, long b, int which, int[] fl) { // 0 eq, 1 lt, 2 le
        Val x = decode(F, a), y = decode(F, b);
        if (x.nan() || y.nan()) {
            if (which != 0 || x.snan() || y.snan()) {
                fl[0] |= NV;
            }
            return 0;
        }
        int c = cmp(F, a, b);
        return switch (which) {
            case 0 -> c == 0 ? 1 : 0;
            case 1 -> c < 0 ? 1 : 0;
            default -> c <= 0 ? 1 : 0;
        };
    }

    static long classify(Fmt F, long a) {
        Val x = decode(F, a);
        return switch (x.kind()) {
            case SNAN -> 1 << 8;
            case QNAN -> 1 << 9;
            case INF -> x.neg() ? 1 : 1 << 7;
            case FINITE -> {
                if (x.zero()) {
                    yield x.neg() ? 1 << 3 : 1 << 4;
                }
                boolean sub = x.mant().bitLength() < F.p();
                yield x.neg() ? (sub ? 1 << 2 : 1 << 1) : (sub ? 1 << 5 : 1 << 6);
            }
        };
    }

    // ---- conversions ----

    /** Float -> integer with range [lo, hi]; returns the register value (W/WU results sign-extended from 32 bits). */
    static long toInt(Fmt F, long a, int rm, BigInteger lo, BigInteger hi, boolean w, int[] fl) {
        Val x = decode(F, a);
        BigInteger r;
        if (x.nan()) {
            fl[0] |= NV;
            r = hi;
        } else if (x.inf()) {
            fl[0] |= NV;
            r = x.neg() ? lo : hi;
        } else {
            Exact v = Exact.of(x.mant(), x.exp());
            BigInteger t = v.floor(0);
            boolean half = v.floor(1).testBit(0);
            boolean sticky = !v.exact(1);
            BigInteger m = increment(rm, x.neg(), t.testBit(0), half, sticky) ? t.add(BigInteger.ONE) : t;
            r = x.neg() ? m.negate() : m;
            if (r.compareTo(lo) < 0) {
                fl[0] |= NV;
                r = lo;
            } else if (r.compareTo(hi) > 0) {
                fl[0] |= NV;
                r = hi;
            } else if (half || sticky) {
                fl[0] |= NX;
            }
        }
        long bits = r.longValue(); // two's complement low 64 bits (2^64-1 -> -1)
        return w ? (long) (int) bits : bits;
    }

    static long fromInt(Fmt F, BigInteger x, int rm, int[] fl) {
        if (x.signum() == 0) {
            return 0;
        }
        return round(F, x.signum() < 0, Exact.of(x.abs(), 0), rm, fl);
    }

    /** Format conversion (FCVT.S.D / FCVT.D.S). */
    static long convert(Fmt from, Fmt to, long a, int rm, int[] fl) {
        Val x = decode(from, a);
        if (x.nan()) {
            return nanResult(to, fl, x);
        }
        if (x.inf()) {
            return to.inf(x.neg());
        }
        if (x.zero()) {
            return to.zero(x.neg());
        }
        return round(to, x.neg(), Exact.of(x.mant(), x.exp()), rm, fl);
    }
}
