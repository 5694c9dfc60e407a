package org.opennexus.jit.fpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Randomised differential test of every {@link Fpu} operation against the exact BigInteger model
 * {@link Ref}, in all five rounding modes, comparing result bits AND the accumulated fflags.
 * Each operation gets N operand tuples x 5 modes; operands are biased by {@link Gen}.
 */
class FpuOracleTest {
    /** Operand tuples per operation (x5 modes); -Dfpu.oracle.n and -Dfpu.oracle.seed allow long offline runs. */
    private static final int N = Integer.getInteger("fpu.oracle.n", 8000);
    private static final long SEED = Long.getLong("fpu.oracle.seed", 0);
    private static final long M32 = 0xFFFF_FFFFL;
    private static final Ref.Fmt S = Ref.S;
    private static final Ref.Fmt D = Ref.D;

    interface Impl { long run(long[] in, int rm, FpFlags f); }
    interface Model { long run(long[] in, int rm, int[] fl); }
    interface Inputs { long[] next(Gen g); }

    private static void diff(String name, Ref.Fmt fmt, long seed, Inputs inputs, Impl impl, Model model) {
        Gen g = new Gen(fmt, seed + 1000 * SEED);
        List<String> fails = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < N; i++) {
            long[] in = inputs.next(g);
            for (int rm = 0; rm < 5; rm++) {
                FpFlags f = new FpFlags();
                long got = impl.run(in, rm, f);
                int[] fl = new int[1];
                long want = model.run(in, rm, fl);
                count++;
                if (got != want || f.fflags != fl[0]) {
                    if (fails.size() < 12) {
                        StringBuilder sb = new StringBuilder(name).append(" rm=").append(rm).append(" in=");
                        for (long x : in) {
                            sb.append(Long.toHexString(x)).append(' ');
                        }
                        sb.append("got=").append(Long.toHexString(got)).append('/').append(Integer.toBinaryString(f.fflags))
                          .append(" want=").append(Long.toHexString(want)).append('/').append(Integer.toBinaryString(fl[0]));
                        fails.add(sb.toString());
                    } else {
                        fails.add("");
                    }
                }
            }
        }
        assertTrue(fails.isEmpty(), name + ": " + fails.size() + " of " + count + " cases differ:\n"
                + String.join("\n", fails.subList(0, Math.min(12, fails.size()))));
    }

    static long[] two(Gen g) {
        long a = g.any();
        return new long[] {a, g.pick(a)};
    }

    static long[] one(Gen g) {
        return new long[] {g.any()};
    }


    /** A result-magnitude target at a range boundary: 2^emin, the largest subnormal, half of 2^emin, the largest finite value. */
    private static long threshold(Gen g) {
        Ref.Fmt F = g.fmt;
        long minNormal = 1L << (F.p() - 1);
        long t = switch (g.rnd.nextInt(5)) {
            case 0, 1 -> minNormal;
            case 2 -> minNormal - 1 - g.rnd.nextInt(3);
            case 3 -> minNormal >>> 1;
            default -> F.maxFinite(false) - g.rnd.nextInt(3);
        };
        return g.rnd.nextBoolean() ? t | F.signBit() : t;
    }

    private static long perturb(Gen g, long x) {
        long y = x + g.rnd.nextInt(7) - 3;
        return g.fmt.width() == 32 ? y & M32 : y;
    }

    /** (a, b) with a*b within a few ulps of a range boundary: exercises tininess after rounding and overflow per mode. */
    private static long[] thresholdMul(Gen g, boolean single) {
        long a = g.finite();
        FpFlags junk = new FpFlags();
        long t = threshold(g);
        long b = single ? Fpu.divS((int) t, (int) a, g.rm(), junk) & M32 : Fpu.divD(t, a, g.rm(), junk);
        return new long[] {a, perturb(g, b)};
    }

    static long[] mulInputs(Gen g, boolean single) {
        return g.rnd.nextInt(3) == 0 ? thresholdMul(g, single) : two(g);
    }

    /** Operand triples for FMA: cancellation against the rounded product, near-threshold products, tiny/huge addends. */
    static long[] three(Gen g, boolean single) {
        long[] ab = mulInputs(g, single);
        long a = ab[0];
        long b = ab[1];
        long c;
        int k = g.rnd.nextInt(5);
        if (k == 0) {
            FpFlags junk = new FpFlags();
            long p = single ? Fpu.mulS((int) a, (int) b, g.rm(), junk) & M32 : Fpu.mulD(a, b, g.rm(), junk);
            c = p ^ g.fmt.signBit();
            if (g.rnd.nextBoolean()) {
                c ^= g.rnd.nextLong() & 3; // almost-cancel
            }
        } else if (k == 1) {
            c = g.near(a);
        } else if (k == 2) {
            c = g.rnd.nextBoolean() ? threshold(g) : g.rnd.nextLong() & (g.fmt.fracMask() >>> g.rnd.nextInt(g.fmt.p()));
        } else {
            c = g.any();
        }
        return new long[] {a, b, c};
    }

    /** Dividends that are (nearly) multiples of the divisor, so exact and halfway quotients occur. */
    static long[] divInputs(Gen g, boolean single) {
        long b = g.any();
        if (g.rnd.nextInt(4) == 0) {
            FpFlags junk = new FpFlags();
            long t = threshold(g);
            long a = single ? Fpu.mulS((int) t, (int) b, g.rm(), junk) & M32 : Fpu.mulD(t, b, g.rm(), junk);
            return new long[] {perturb(g, a), b};
        }
        if (g.rnd.nextBoolean()) {
            long q = g.finite();
            FpFlags junk = new FpFlags();
            long a = single ? Fpu.mulS((int) b, (int) q, g.rm(), junk) & M32 : Fpu.mulD(b, q, g.rm(), junk);
            return new long[] {a, b};
        }
        return new long[] {g.pick(b), b};
    }

    static long[] sqrtInputs(Gen g, boolean single) {
        if (g.rnd.nextBoolean()) {
            long q = g.finite() & ~g.fmt.signBit();
            FpFlags junk = new FpFlags();
            long a = single ? Fpu.mulS((int) q, (int) q, g.rm(), junk) & M32 : Fpu.mulD(q, q, g.rm(), junk);
            return new long[] {a};
        }
        return one(g);
    }

    // ---------------- single precision ----------------

    @Test void addS() { diff("addS", S, 1, FpuOracleTest::two, (in, rm, f) -> Fpu.addS((int) in[0], (int) in[1], rm, f) & M32, (in, rm, fl) -> Ref.add(S, in[0], in[1], rm, fl)); }
    @Test void subS() { diff("subS", S, 2, FpuOracleTest::two, (in, rm, f) -> Fpu.subS((int) in[0], (int) in[1], rm, f) & M32, (in, rm, fl) -> Ref.sub(S, in[0], in[1], rm, fl)); }
    @Test void mulS() { diff("mulS", S, 3, g -> mulInputs(g, true), (in, rm, f) -> Fpu.mulS((int) in[0], (int) in[1], rm, f) & M32, (in, rm, fl) -> Ref.mul(S, in[0], in[1], rm, fl)); }
    @Test void divS() { diff("divS", S, 4, g -> divInputs(g, true), (in, rm, f) -> Fpu.divS((int) in[0], (int) in[1], rm, f) & M32, (in, rm, fl) -> Ref.div(S, in[0], in[1], rm, fl)); }
    @Test void sqrtS() { diff("sqrtS", S, 5, g -> sqrtInputs(g, true), (in, rm, f) -> Fpu.sqrtS((int) in[0], rm, f) & M32, (in, rm, fl) -> Ref.sqrt(S, in[0], rm, fl)); }
    @Test void fmaddS() { diff("fmaddS", S, 6, g -> three(g, true), (in, rm, f) -> Fpu.fmaddS((int) in[0], (int) in[1], (int) in[2], rm, f) & M32, (in, rm, fl) -> Ref.fma(S, in[0], in[1], in[2], false, false, rm, fl)); }
    @Test void fmsubS() { diff("fmsubS", S, 7, g -> three(g, true), (in, rm, f) -> Fpu.fmsubS((int) in[0], (int) in[1], (int) in[2], rm, f) & M32, (in, rm, fl) -> Ref.fma(S, in[0], in[1], in[2], false, true, rm, fl)); }
    @Test void fnmsubS() { diff("fnmsubS", S, 8, g -> three(g, true), (in, rm, f) -> Fpu.fnmsubS((int) in[0], (int) in[1], (int) in[2], rm, f) & M32, (in, rm, fl) -> Ref.fma(S, in[0], in[1], in[2], true, false, rm, fl)); }
    @Test void fnmaddS() { diff("fnmaddS", S, 9, g -> three(g, true), (in, rm, f) -> Fpu.fnmaddS((int) in[0], (int) in[1], (int) in[2], rm, f) & M32, (in, rm, fl) -> Ref.fma(S, in[0], in[1], in[2], true, true, rm, fl)); }
    @Test void minMaxS() {
        diff("minS", S, 10, FpuOracleTest::two, (in, rm, f) -> Fpu.minS((int) in[0], (int) in[1], f) & M32, (in, rm, fl) -> Ref.minMax(S, in[0], in[1], true, fl));
        diff("maxS", S, 11, FpuOracleTest::two, (in, rm, f) -> Fpu.maxS((int) in[0], (int) in[1], f) & M32, (in, rm, fl) -> Ref.minMax(S, in[0], in[1], false, fl));
    }
    @Test void compareS() {
        diff("eqS", S, 12, FpuOracleTest::two, (in, rm, f) -> Fpu.eqS((int) in[0], (int) in[1], f), (in, rm, fl) -> Ref.compare(S, in[0], in[1], 0, fl));
        diff("ltS", S, 13, FpuOracleTest::two, (in, rm, f) -> Fpu.ltS((int) in[0], (int) in[1], f), (in, rm, fl) -> Ref.compare(S, in[0], in[1], 1, fl));
        diff("leS", S, 14, FpuOracleTest::two, (in, rm, f) -> Fpu.leS((int) in[0], (int) in[1], f), (in, rm, fl) -> Ref.compare(S, in[0], in[1], 2, fl));
        diff("classS", S, 15, FpuOracleTest::one, (in, rm, f) -> Fpu.classS((int) in[0]), (in, rm, fl) -> Ref.classify(S, in[0]));
    }

    // ---------------- double precision ----------------

    @Test void addD() { diff("addD", D, 21, FpuOracleTest::two, (in, rm, f) -> Fpu.addD(in[0], in[1], rm, f), (in, rm, fl) -> Ref.add(D, in[0], in[1], rm, fl)); }
    @Test void subD() { diff("subD", D, 22, FpuOracleTest::two, (in, rm, f) -> Fpu.subD(in[0], in[1], rm, f), (in, rm, fl) -> Ref.sub(D, in[0], in[1], rm, fl)); }
    @Test void mulD() { diff("mulD", D, 23, g -> mulInputs(g, false), (in, rm, f) -> Fpu.mulD(in[0], in[1], rm, f), (in, rm, fl) -> Ref.mul(D, in[0], in[1], rm, fl)); }
    @Test void divD() { diff("divD", D, 24, g -> divInputs(g, false), (in, rm, f) -> Fpu.divD(in[0], in[1], rm, f), (in, rm, fl) -> Ref.div(D, in[0], in[1], rm, fl)); }
    @Test void sqrtD() { diff("sqrtD", D, 25, g -> sqrtInputs(g, false), (in, rm, f) -> Fpu.sqrtD(in[0], rm, f), (in, rm, fl) -> Ref.sqrt(D, in[0], rm, fl)); }
    @Test void fmaddD() { diff("fmaddD", D, 26, g -> three(g, false), (in, rm, f) -> Fpu.fmaddD(in[0], in[1], in[2], rm, f), (in, rm, fl) -> Ref.fma(D, in[0], in[1], in[2], false, false, rm, fl)); }
    @Test void fmsubD() { diff("fmsubD", D, 27, g -> three(g, false), (in, rm, f) -> Fpu.fmsubD(in[0], in[1], in[2], rm, f), (in, rm, fl) -> Ref.fma(D, in[0], in[1], in[2], false, true, rm, fl)); }
    @Test void fnmsubD() { diff("fnmsubD", D, 28, g -> three(g, false), (in, rm, f) -> Fpu.fnmsubD(in[0], in[1], in[2], rm, f), (in, rm, fl) -> Ref.fma(D, in[0], in[1], in[2], true, false, rm, fl)); }
    @Test void fnmaddD() { diff("fnmaddD", D, 29, g -> three(g, false), (in, rm, f) -> Fpu.fnmaddD(in[0], in[1], in[2], rm, f), (in, rm, fl) -> Ref.fma(D, in[0], in[1], in[2], true, true, rm, fl)); }
    @Test void minMaxD() {
        diff("minD", D, 30, FpuOracleTest::two, (in, rm, f) -> Fpu.minD(in[0], in[1], f), (in, rm, fl) -> Ref.minMax(D, in[0], in[1], true, fl));
        diff("maxD", D, 31, FpuOracleTest::two, (in, rm, f) -> Fpu.maxD(in[0], in[1], f), (in, rm, fl) -> Ref.minMax(D, in[0], in[1], false, fl));
    }
    @Test void compareD() {
        diff("eqD", D, 32, FpuOracleTest::two, (in, rm, f) -> Fpu.eqD(in[0], in[1], f), (in, rm, fl) -> Ref.compare(D, in[0], in[1], 0, fl));
        diff("ltD", D, 33, FpuOracleTest::two, (in, rm, f) -> Fpu.ltD(in[0], in[1], f), (in, rm, fl) -> Ref.compare(D, in[0], in[1], 1, fl));
        diff("leD", D, 34, FpuOracleTest::two, (in, rm, f) -> Fpu.leD(in[0], in[1], f), (in, rm, fl) -> Ref.compare(D, in[0], in[1], 2, fl));
        diff("classD", D, 35, FpuOracleTest::one, (in, rm, f) -> Fpu.classD(in[0]), (in, rm, fl) -> Ref.classify(D, in[0]));
    }

    // ---------------- conversions ----------------

    private static final BigInteger W_LO = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger W_HI = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger WU_HI = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger L_LO = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger L_HI = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LU_HI = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Floats around the integer ranges: |x| in [2^-3, 2^66], halves, boundaries 2^31, 2^32, 2^63, 2^64. */
    static long[] toIntInput(Gen g) {
        if (g.rnd.nextInt(8) == 0) {
            return one(g);
        }
        Ref.Fmt F = g.fmt;
        long sign = g.rnd.nextInt(3) == 0 ? F.signBit() : 0;
        long e = F.bias() - 3 + g.rnd.nextInt(70);
        if (g.rnd.nextInt(3) == 0) {
            e = F.bias() + new int[] {30, 31, 32, 62, 63, 64}[g.rnd.nextInt(6)];
        }
        return new long[] {sign | (e << (F.p() - 1)) | g.frac()};
    }

    static long[] intInput(Gen g) {
        long x = switch (g.rnd.nextInt(5)) {
            case 0 -> g.rnd.nextLong();
            case 1 -> g.rnd.nextLong() >> g.rnd.nextInt(64);
            case 2 -> { // ties and near-ties for 24 and 53 bit rounding
                int k = 25 + g.rnd.nextInt(38);
                int pbits = g.rnd.nextBoolean() ? 24 : 53;
                long base = (1L << k) | (g.rnd.nextLong() & ((1L << k) - 1) & (-1L << Math.max(0, k - pbits)));
                yield base + (k > pbits ? (1L << (k - pbits)) + g.rnd.nextInt(3) - 1 : 0);
            }
            case 3 -> (g.rnd.nextBoolean() ? -1L : 1L) << g.rnd.nextInt(64);
            default -> g.rnd.nextInt();
        };
        return new long[] {x};
    }

    private static BigInteger s64(long x) { return BigInteger.valueOf(x); }
    private static BigInteger u64(long x) { return new BigInteger(Long.toUnsignedString(x)); }

    @Test void cvtFromS() {
        diff("cvtWS", S, 40, FpuOracleTest::toIntInput, (in, rm, f) -> Fpu.cvtWS((int) in[0], rm, f), (in, rm, fl) -> Ref.toInt(S, in[0], rm, W_LO, W_HI, true, fl));
        diff("cvtWUS", S, 41, FpuOracleTest::toIntInput, (in, rm, f) -> Fpu.cvtWUS((int) in[0], rm, f), (in, rm, fl) -> Ref.toInt(S, in[0], rm, BigInteger.ZERO, WU_HI, true, fl));
        diff("cvtLS", S, 42, FpuOracleTest::toIntInput, (in, rm, f) -> Fpu.cvtLS((int) in[0], rm, f), (in, rm, fl) -> Ref.toInt(S, in[0], rm, L_LO, L_HI, false, fl));
        diff("cvtLUS", S, 43, FpuOracleTest::toIntInput, (in, rm, f) -> Fpu.cvtLUS((int) in[0], rm, f), (in, rm, fl) -> Ref.toInt(S, in[0], rm, BigInteger.ZERO, LU_HI, false, fl));
    }

    @Test void cvtFromD() {
        diff("cvtWD", D, 44, FpuOracleTest::toIntInput, (in, rm, f) -> Fpu.cvtWD(in[0], rm, f), (in, rm, fl) -> Ref.toInt(D, in[0], rm, W_LO, W_HI, true, fl));
        diff("cvtWUD", D, 45, FpuOracleTest::toIntInput, (in, rm, f) -> Fpu.cvtWUD(in[0], rm, f), (in, rm, fl) -> Ref.toInt(D, in[0], rm, BigInteger.ZERO, WU_HI, true, fl));
        diff("cvtLD", D, 46, FpuOracleTest::toIntInput, (in, rm, f) -> Fpu.cvtLD(in[0], rm, f), (in, rm, fl) -> Ref.toInt(D, in[0], rm, L_LO, L_HI, false, fl));
        diff("cvtLUD", D, 47, FpuOracleTest::toIntInput, (in, rm, f) -> Fpu.cvtLUD(in[0], rm, f), (in, rm, fl) -> Ref.toInt(D, in[0], rm, BigInteger.ZERO, LU_HI, false, fl));
    }

    @Test void cvtToS() {
        diff("cvtSW", S, 50, FpuOracleTest::intInput, (in, rm, f) -> Fpu.cvtSW(in[0], rm, f) & M32, (in, rm, fl) -> Ref.fromInt(S, s64((int) in[0]), rm, fl));
        diff("cvtSWU", S, 51, FpuOracleTest::intInput, (in, rm, f) -> Fpu.cvtSWU(in[0], rm, f) & M32, (in, rm, fl) -> Ref.fromInt(S, s64(in[0] & M32), rm, fl));
        diff("cvtSL", S, 52, FpuOracleTest::intInput, (in, rm, f) -> Fpu.cvtSL(in[0], rm, f) & M32, (in, rm, fl) -> Ref.fromInt(S, s64(in[0]), rm, fl));
        diff("cvtSLU", S, 53, FpuOracleTest::intInput, (in, rm, f) -> Fpu.cvtSLU(in[0], rm, f) & M32, (in, rm, fl) -> Ref.fromInt(S, u64(in[0]), rm, fl));
    }

    @Test void cvtToD() {
        diff("cvtDW", D, 54, FpuOracleTest::intInput, (in, rm, f) -> Fpu.cvtDW(in[0], rm, f), (in, rm, fl) -> Ref.fromInt(D, s64((int) in[0]), rm, fl));
        diff("cvtDWU", D, 55, FpuOracleTest::intInput, (in, rm, f) -> Fpu.cvtDWU(in[0], rm, f), (in, rm, fl) -> Ref.fromInt(D, s64(in[0] & M32), rm, fl));
        diff("cvtDL", D, 56, FpuOracleTest::intInput, (in, rm, f) -> Fpu.cvtDL(in[0], rm, f), (in, rm, fl) -> Ref.fromInt(D, s64(in[0]), rm, fl));
        diff("cvtDLU", D, 57, FpuOracleTest::intInput, (in, rm, f) -> Fpu.cvtDLU(in[0], rm, f), (in, rm, fl) -> Ref.fromInt(D, u64(in[0]), rm, fl));
    }

    /** FCVT.S.D inputs: binary64 values around binary32's overflow and subnormal thresholds. */
    static long[] narrowInput(Gen g) {
        if (g.rnd.nextInt(4) == 0) {
            return one(g);
        }
        long sign = g.rnd.nextBoolean() ? D.signBit() : 0;
        long e = 1023 + switch (g.rnd.nextInt(4)) {
            case 0 -> 125 + g.rnd.nextInt(5);      // around 2^127..2^128
            case 1 -> -126 - g.rnd.nextInt(28);    // binary32 subnormal range
            case 2 -> -124 - g.rnd.nextInt(4);
            default -> g.rnd.nextInt(60) - 30;
        };
        long fr = g.frac();
        if (g.rnd.nextBoolean()) { // place a tie/near-tie at some binary32 rounding position
            fr = (fr & (-1L << (g.rnd.nextInt(52) + 1))) | (1L << g.rnd.nextInt(52));
        }
        return new long[] {sign | (e << 52) | (fr & D.fracMask())};
    }

    @Test void cvtBetweenFormats() {
        diff("cvtSD", D, 60, FpuOracleTest::narrowInput, (in, rm, f) -> Fpu.cvtSD(in[0], rm, f) & M32, (in, rm, fl) -> Ref.convert(D, S, in[0], rm, fl));
        diff("cvtDS", S, 61, FpuOracleTest::one, (in, rm, f) -> Fpu.cvtDS((int) in[0], rm, f), (in, rm, fl) -> Ref.convert(S, D, in[0], rm, fl));
    }
}
