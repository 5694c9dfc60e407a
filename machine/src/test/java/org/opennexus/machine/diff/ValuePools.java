package org.opennexus.machine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The 256-entry value tables the guest picks initial register and memory contents from: edge cases
 * first (0, -1, INT_MIN/INT_MAX of both widths, small and large values; for FP ±0, ±inf, NaNs with
 * and without payload, signalling NaNs, subnormals, extremes, integer-conversion boundaries), the
 * rest seeded random.
 */
final class ValuePools {
    static final int SIZE = 256;
    private static final long BOX = 0xffff_ffff_0000_0000L;

    private ValuePools() { }

    static long[] integers(RandomGenerator rnd) {
        List<Long> v = new ArrayList<>(List.of(0L, 1L, -1L, 2L, -2L, 3L, 7L, 31L, 32L, 33L, 63L, 64L, 65L, 127L, 128L,
                255L, 256L, 2047L, -2048L, 4096L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
                Long.MAX_VALUE - 1, 0xffff_ffff_8000_0000L, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL,
                0x1_0000_0000L, 0xffff_ffff_ffff_0000L, 0xffffL, 0x8000L, 0xffff_ffff_ffff_8000L, 0x80L,
                0xffff_ffff_ffff_ff80L, 0x5555_5555_5555_5555L, 0xaaaa_aaaa_aaaa_aaaaL, 0x0101_0101_0101_0101L,
                0x8080_8080_8080_8080L, 0x0000_0001_0000_0001L, 0x8000_0000_0000_0001L, 0x7fff_ffff_ffff_fffeL,
                0x0000_0000_7fff_fffeL, 0xffff_ffff_7fff_ffffL, 0x1234_5678_9abc_def0L, -7L, -8L, -31L, -64L));
        for (int i = -16; i <= 16; i++) {
            v.add((long) i);
        }
        for (int b = 0; b < 64; b += 5) {
            v.add(1L << b);
        }
        while (v.size() < SIZE) {
            long r = rnd.nextLong();
            v.add(switch (rnd.nextInt(4)) {
                case 0 -> (long) (int) r;             // sign-extended 32-bit
                case 1 -> r & 0xffff_ffffL;          // zero-extended 32-bit
                case 2 -> r >> rnd.nextInt(64);      // various magnitudes
                default -> r;
            });
        }
        return toArray(v);
    }

    /** Single-precision values NaN-boxed, with a few unboxed (seen as the canonical NaN) and doubles. */
    static long[] singles(RandomGenerator rnd) {
        int[] edge = {0x0000_0000, 0x8000_0000, 0x3f80_0000, 0xbf80_0000, 0x4000_0000, 0x3f00_0000, 0x3eaa_aaab,
                0x7f7f_ffff, 0xff7f_ffff, 0x0080_0000, 0x8080_0000, 0x0000_0001, 0x8000_0001, 0x007f_ffff,
                0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0xffc0_0000, 0x7fc0_1234, 0x7f80_0001, 0xff80_0001,
                0x7fbf_ffff, 0x4f00_0000, 0xcf00_0000, 0x4eff_ffff, 0x4f80_0000, 0x5f00_0000, 0xdf00_0000,
                0x5f80_0000, 0x3f7f_ffff, 0x3fc0_0000, 0x4020_0000, 0xc020_0000, 0x4049_0fdb, 0x3380_0000,
                0x3f80_0001, 0x0040_0000, 0x4b00_0000, 0xcb00_0001};
        List<Long> v = new ArrayList<>();
        for (int e : edge) {
            v.add(BOX | (e & 0xffff_ffffL));
        }
        v.add(0x0000_0000_3f80_0000L);       // not NaN-boxed
        v.add(0x7fff_ffff_3f80_0000L);       // not NaN-boxed
        v.add(0x3ff0_0000_0000_0000L);       // a double
        while (v.size() < SIZE) {
            int r = rnd.nextInt(10);
            if (r == 0) {
                v.add(rnd.nextLong());       // unboxed garbage
            } else if (r < 4) {
                v.add(BOX | (Float.floatToRawIntBits((float) (rnd.nextGaussian() * Math.pow(2, rnd.nextInt(80) - 40))) & 0xffff_ffffL));
            } else if (r < 6) {
                v.add(BOX | (Float.floatToRawIntBits((float) rnd.nextInt(-100000, 100000)) & 0xffff_ffffL));
            } else {
                v.add(BOX | (rnd.nextInt() & 0xffff_ffffL));
            }
        }
        return toArray(v);
    }

    static long[] doubles(RandomGenerator rnd) {
        List<Long> v = new ArrayList<>(List.of(0L, 0x8000_0000_0000_0000L, 0x3ff0_0000_0000_0000L,
                0xbff0_0000_0000_0000L, 0x4000_0000_0000_0000L, 0x3fe0_0000_0000_0000L, 0x3fd5_5555_5555_5555L,
                0x7fef_ffff_ffff_ffffL, 0xffef_ffff_ffff_ffffL, 0x0010_0000_0000_0000L, 0x8010_0000_0000_0000L,
                0x0000_0000_0000_0001L, 0x8000_0000_0000_0001L, 0x000f_ffff_ffff_ffffL, 0x7ff0_0000_0000_0000L,
                0xfff0_0000_0000_0000L, 0x7ff8_0000_0000_0000L, 0xfff8_0000_0000_0000L, 0x7ff8_0000_0000_1234L,
                0x7ff0_0000_0000_0001L, 0xfff0_0000_0000_0001L, 0x7ff7_ffff_ffff_ffffL, 0x41e0_0000_0000_0000L,
                0xc1e0_0000_0000_0000L, 0x41df_ffff_ffc0_0000L, 0x41f0_0000_0000_0000L, 0x43e0_0000_0000_0000L,
                0xc3e0_0000_0000_0000L, 0x43f0_0000_0000_0000L, 0x3fef_ffff_ffff_ffffL, 0x3ff8_0000_0000_0000L,
                0x4004_0000_0000_0000L, 0xc004_0000_0000_0000L, 0x4009_21fb_5444_2d18L, 0x3ca0_0000_0000_0000L,
                0x3ff0_0000_0000_0001L, 0x47ef_ffff_e000_0000L, 0x47ef_ffff_f000_0000L, 0x3810_0000_0000_0000L,
                0x36a0_0000_0000_0000L, 0x3690_0000_0000_0000L, 0xffff_ffff_3f80_0000L, 0xffff_ffff_7fc0_0000L,
                0xffff_ffff_7f80_0001L, 0x4330_0000_0000_0000L, 0xc330_0000_0000_0001L));
        while (v.size() < SIZE) {
            int r = rnd.nextInt(10);
            if (r < 3) {
                v.add(Double.doubleToRawLongBits(rnd.nextGaussian() * Math.pow(2, rnd.nextInt(400) - 200)));
            } else if (r < 5) {
                v.add(Double.doubleToRawLongBits(rnd.nextLong(-1_000_000_000L, 1_000_000_000L)));
            } else if (r < 6) {
                v.add(Double.doubleToRawLongBits((float) (rnd.nextGaussian() * 1000)));   // exactly a float
            } else {
                v.add(rnd.nextLong());
            }
        }
        return toArray(v);
    }

    private static long[] toArray(List<Long> v) {
        long[] a = new long[SIZE];
        for (int i = 0; i < SIZE; i++) {
            a[i] = v.get(i);
        }
        return a;
    }
}
