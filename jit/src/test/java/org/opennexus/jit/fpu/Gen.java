package org.opennexus.jit.fpu;

import java.util.SplittableRandom;

/**
 * Random operands biased toward the cases emulators get wrong: exponents at the subnormal boundary and
 * near overflow, subnormals, significands with all or very few bits set (exact results, ties), signed
 * zeros, infinities, quiet and signalling NaNs.
 */
final class Gen {
    final Ref.Fmt fmt;
    final SplittableRandom rnd;

    Gen(Ref.Fmt fmt, long seed) {
        this.fmt = fmt;
        this.rnd = new SplittableRandom(seed);
    }

    long frac() {
        long mask = fmt.fracMask();
        int fb = fmt.p() - 1;
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> mask;
            case 2 -> 1L << rnd.nextInt(fb);
            case 3 -> rnd.nextLong() & mask & (-1L << rnd.nextInt(fb)); // trailing zeros: short significands
            case 4 -> (rnd.nextLong() & mask) >>> rnd.nextInt(fb);      // leading zeros
            case 5 -> mask ^ (1L << rnd.nextInt(fb));
            default -> rnd.nextLong() & mask;
        };
    }

    /** A biased exponent field value (0 = subnormal/zero, all-ones excluded). */
    int biasedExp() {
        int max = (int) fmt.expAllOnes() - 1;
        int bias = fmt.bias();
        return switch (rnd.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 1 + rnd.nextInt(3);
            case 2 -> max - rnd.nextInt(3);
            case 3, 4, 5 -> bias - 8 + rnd.nextInt(17);
            case 6 -> 1 + rnd.nextInt(fmt.p() + 2);                 // just above the subnormal range
            default -> 1 + rnd.nextInt(max);
        };
    }

    long finite() {
        long sign = rnd.nextBoolean() ? fmt.signBit() : 0;
        return sign | ((long) biasedExp() << (fmt.p() - 1)) | frac();
    }

    long special() {
        long sign = rnd.nextBoolean() ? fmt.signBit() : 0;
        long inf = fmt.inf(false);
        long quiet = 1L << (fmt.p() - 2);
        return switch (rnd.nextInt(6)) {
            case 0, 1 -> sign;                                        // ±0
            case 2 -> sign | inf;                                     // ±inf
            case 3 -> sign | inf | quiet | (rnd.nextLong() & (quiet - 1));   // qNaN, any payload
            case 4 -> sign | inf | ((rnd.nextLong() & (quiet - 1)) | 1);     // sNaN
            default -> fmt.canonicalNaN();
        };
    }

    long any() {
        return rnd.nextInt(12) == 0 ? special() : finite();
    }

    /** An operand close to x in exponent (cancellation, ties, alignment shifts of 0..p+3). */
    long near(long x) {
        long e = (x >>> (fmt.p() - 1)) & fmt.expAllOnes();
        if (e == fmt.expAllOnes()) {
            return any();
        }
        long ne = e - rnd.nextInt(fmt.p() + 4) + (rnd.nextInt(4) == 0 ? 2 : 0);
        ne = Math.max(0, Math.min(fmt.expAllOnes() - 1, ne));
        long sign = rnd.nextBoolean() ? fmt.signBit() : 0;
        long fr = rnd.nextInt(3) == 0 ? (x & fmt.fracMask()) ^ (rnd.nextLong() & 7) : frac();
        return sign | (ne << (fmt.p() - 1)) | fr;
    }

    /** An operand whose exponent puts x*y near the overflow or underflow threshold. */
    long productPartner(long x) {
        long e = (x >>> (fmt.p() - 1)) & fmt.expAllOnes();
        if (e == fmt.expAllOnes() || e == 0) {
            return any();
        }
        int bias = fmt.bias();
        long target = rnd.nextBoolean() ? 2 * bias - 1 + (rnd.nextInt(5) - 2)     // |x*y| near 2^emax
                                        : 1 - (rnd.nextInt(fmt.p() + 3)) + (rnd.nextInt(3) - 1); // near/below 2^emin
        long ne = target - (e - bias);
        if (ne <= 0 || ne >= fmt.expAllOnes()) {
            return any();
        }
        long sign = rnd.nextBoolean() ? fmt.signBit() : 0;
        return sign | (ne << (fmt.p() - 1)) | frac();
    }

    long pick(long x) {
        return switch (rnd.nextInt(4)) {
            case 0 -> any();
            case 1 -> productPartner(x);
            default -> near(x);
        };
    }

    int rm() {
        return rnd.nextInt(5);
    }
}
