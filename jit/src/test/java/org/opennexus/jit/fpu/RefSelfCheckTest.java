package org.opennexus.jit.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Checks the oracle itself against a third, independent implementation: the JVM's IEEE 754 arithmetic
 * (Java float/double operators, Math.sqrt, Math.fma and casts are specified to round to nearest-even).
 * Only result values in RNE are compared; the JVM exposes no flags and no other rounding mode.
 */
class RefSelfCheckTest {
    private static final int N = 20000;

    private static long s(float x) {
        return Float.floatToRawIntBits(x) & 0xFFFF_FFFFL;
    }

    private static long d(double x) {
        return Double.doubleToRawLongBits(x);
    }

    /** Host results for NaN are compared as "is NaN": the JVM does not canonicalise payloads. */
    private static void same(Ref.Fmt F, long host, long ref, String what) {
        Ref.Val h = Ref.decode(F, host);
        if (h.nan()) {
            assertEquals(F.canonicalNaN(), ref, what);
        } else {
            assertEquals(Long.toHexString(host), Long.toHexString(ref), what);
        }
    }

    @Test
    void singleMatchesHostInRne() {
        Gen g = new Gen(Ref.S, 99);
        int[] fl = new int[1];
        for (int i = 0; i < N; i++) {
            long a = g.any();
            long b = g.pick(a);
            long c = g.pick(b);
            float x = Float.intBitsToFloat((int) a);
            float y = Float.intBitsToFloat((int) b);
            float z = Float.intBitsToFloat((int) c);
            String w = Long.toHexString(a) + " " + Long.toHexString(b) + " " + Long.toHexString(c);
            same(Ref.S, s(x + y), Ref.add(Ref.S, a, b, 0, fl), "add " + w);
            same(Ref.S, s(x * y), Ref.mul(Ref.S, a, b, 0, fl), "mul " + w);
            same(Ref.S, s(x / y), Ref.div(Ref.S, a, b, 0, fl), "div " + w);
            same(Ref.S, s((float) Math.sqrt(x)), Ref.sqrt(Ref.S, a, 0, fl), "sqrt " + w);
            same(Ref.S, s(Math.fma(x, y, z)), Ref.fma(Ref.S, a, b, c, false, false, 0, fl), "fma " + w);
            same(Ref.D, d(x), Ref.convert(Ref.S, Ref.D, a, 0, fl), "widen " + w);
            long n = g.rnd.nextLong() >> g.rnd.nextInt(64);
            assertEquals(s((float) n), Ref.fromInt(Ref.S, BigInteger.valueOf(n), 0, fl), "long->float " + n);
        }
    }

    @Test
    void doubleMatchesHostInRne() {
        Gen g = new Gen(Ref.D, 98);
        int[] fl = new int[1];
        for (int i = 0; i < N; i++) {
            long a = g.any();
            long b = g.pick(a);
            long c = g.pick(b);
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double z = Double.longBitsToDouble(c);
            String w = Long.toHexString(a) + " " + Long.toHexString(b) + " " + Long.toHexString(c);
            same(Ref.D, d(x + y), Ref.add(Ref.D, a, b, 0, fl), "add " + w);
            same(Ref.D, d(x - y), Ref.sub(Ref.D, a, b, 0, fl), "sub " + w);
            same(Ref.D, d(x * y), Ref.mul(Ref.D, a, b, 0, fl), "mul " + w);
            same(Ref.D, d(x / y), Ref.div(Ref.D, a, b, 0, fl), "div " + w);
            same(Ref.D, d(Math.sqrt(x)), Ref.sqrt(Ref.D, a, 0, fl), "sqrt " + w);
            same(Ref.D, d(Math.fma(x, y, z)), Ref.fma(Ref.D, a, b, c, false, false, 0, fl), "fma " + w);
            same(Ref.S, s((float) x), Ref.convert(Ref.D, Ref.S, a, 0, fl), "narrow " + w);
            long n = g.rnd.nextLong() >> g.rnd.nextInt(64);
            assertEquals(d((double) n), Ref.fromInt(Ref.D, BigInteger.valueOf(n), 0, fl), "long->double " + n);
            if (!Double.isNaN(x) && Math.abs(x) < 0x1p62) {
                // Math.rint is RNE to integral; (long) of an integral value in range is exact.
                long got = Ref.toInt(Ref.D, a, 0, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), false, fl);
                assertEquals((long) Math.rint(x), got, "rint " + w);
            }
        }
    }
}
