package org.opennexus.jit.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennexus.jit.fpu.FpFlags.DZ;
import static org.opennexus.jit.fpu.FpFlags.NV;
import static org.opennexus.jit.fpu.FpFlags.NX;
import static org.opennexus.jit.fpu.FpFlags.OF;
import static org.opennexus.jit.fpu.FpFlags.UF;
import static org.opennexus.jit.fpu.RoundingMode.RDN;
import static org.opennexus.jit.fpu.RoundingMode.RMM;
import static org.opennexus.jit.fpu.RoundingMode.RNE;
import static org.opennexus.jit.fpu.RoundingMode.RTZ;
import static org.opennexus.jit.fpu.RoundingMode.RUP;

import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked cases; the expected value and flags of each are derived in the comment next to it from
 * the IEEE 754-2019 definitions and the RISC-V ISA spec (F/D chapters), not from this implementation.
 */
class FpuEdgeCaseTest {
    private static final int ONE_S = 0x3f80_0000;
    private static final int MAX_S = 0x7f7f_ffff;
    private static final int INF_S = 0x7f80_0000;
    private static final int MIN_NORMAL_S = 0x0080_0000;
    private static final int QNAN_S = 0x7fc0_0000;
    private static final int SNAN_S = 0x7f80_0001;
    private static final long ONE_D = 0x3ff0_0000_0000_0000L;
    private static final long MAX_D = 0x7fef_ffff_ffff_ffffL;
    private static final long INF_D = 0x7ff0_0000_0000_0000L;
    private static final long MIN_NORMAL_D = 0x0010_0000_0000_0000L;
    private static final long CANON_D = 0x7ff8_0000_0000_0000L;

    /** Runs op with fresh flags and checks both the result and the flags it raised. */
    private static void check(long want, int wantFlags, ToLongFunction<FpFlags> op) {
        FpFlags f = new FpFlags();
        long got = op.applyAsLong(f);
        assertEquals(Long.toHexString(want), Long.toHexString(got), "result");
        assertEquals(wantFlags, f.fflags, "fflags of result " + Long.toHexString(got));
    }

    private static void checkS(int want, int wantFlags, ToLongFunction<FpFlags> op) {
        check(want & 0xFFFF_FFFFL, wantFlags, f -> op.applyAsLong(f) & 0xFFFF_FFFFL);
    }

    @Test
    void addTieToEvenAndAway() {
        // 1 + 2^-24 lies exactly halfway between 1 and 1+2^-23 (ulp of 1 in binary32 is 2^-23).
        int half = 0x3380_0000; // 2^-24
        checkS(ONE_S, NX, f -> Fpu.addS(ONE_S, half, RNE, f));          // tie -> even significand (1.0)
        checkS(ONE_S + 1, NX, f -> Fpu.addS(ONE_S, half, RMM, f));      // tie -> away from zero
        checkS(ONE_S + 1, NX, f -> Fpu.addS(ONE_S, half, RUP, f));
        checkS(ONE_S, NX, f -> Fpu.addS(ONE_S, half, RTZ, f));
        checkS(ONE_S, NX, f -> Fpu.addS(ONE_S, half, RDN, f));
        // Negated: -1 - 2^-24: RDN goes away from zero, RUP toward it.
        checkS(0xbf80_0001, NX, f -> Fpu.addS(ONE_S | 0x8000_0000, half | 0x8000_0000, RDN, f));
        checkS(0xbf80_0000, NX, f -> Fpu.addS(ONE_S | 0x8000_0000, half | 0x8000_0000, RUP, f));
    }

    @Test
    void signedZeroSums() {
        // IEEE 754 6.3: x - x is +0 in every mode except roundTowardNegative, where it is -0.
        checkS(0, 0, f -> Fpu.subS(ONE_S, ONE_S, RNE, f));
        checkS(0x8000_0000, 0, f -> Fpu.subS(ONE_S, ONE_S, RDN, f));
        check(0, 0, f -> Fpu.subD(ONE_D, ONE_D, RUP, f));
        check(Long.MIN_VALUE, 0, f -> Fpu.subD(ONE_D, ONE_D, RDN, f));
        // (+0) + (-0) is +0, or -0 in RDN; (-0) + (-0) is -0 in every mode.
        checkS(0, 0, f -> Fpu.addS(0, 0x8000_0000, RNE, f));
        checkS(0x8000_0000, 0, f -> Fpu.addS(0, 0x8000_0000, RDN, f));
        check(Long.MIN_VALUE, 0, f -> Fpu.addD(Long.MIN_VALUE, Long.MIN_VALUE, RUP, f));
        // FMA with an exact zero product: -0*1 + -0 = -0; 0*1 - 0 = +0 (RNE), -0 (RDN).
        check(Long.MIN_VALUE, 0, f -> Fpu.fmaddD(Long.MIN_VALUE, ONE_D, Long.MIN_VALUE, RNE, f));
        check(0, 0, f -> Fpu.fmsubD(0, ONE_D, 0, RNE, f));
        check(Long.MIN_VALUE, 0, f -> Fpu.fmsubD(0, ONE_D, 0, RDN, f));
        // FNMADD = -(a*b) - c: -(+0*1) - (+0) = -0 + -0 = -0.
        checkS(0x8000_0000, 0, f -> Fpu.fnmaddS(0, ONE_S, 0, RNE, f));
    }

    @Test
    void overflowResultDependsOnMode() {
        // MAX + MAX = 2^129 - 2^105 rounds (unbounded exponent) above MAX: OF|NX in every mode; the value is
        // infinity for RNE/RMM and the mode rounding away from zero, MAX for the others.
        checkS(INF_S, OF | NX, f -> Fpu.addS(MAX_S, MAX_S, RNE, f));
        checkS(INF_S, OF | NX, f -> Fpu.addS(MAX_S, MAX_S, RMM, f));
        checkS(MAX_S, OF | NX, f -> Fpu.addS(MAX_S, MAX_S, RTZ, f));
        checkS(MAX_S, OF | NX, f -> Fpu.addS(MAX_S, MAX_S, RDN, f));
        checkS(INF_S, OF | NX, f -> Fpu.addS(MAX_S, MAX_S, RUP, f));
        int negMax = MAX_S | 0x8000_0000;
        checkS(INF_S | 0x8000_0000, OF | NX, f -> Fpu.addS(negMax, negMax, RDN, f));
        checkS(negMax, OF | NX, f -> Fpu.addS(negMax, negMax, RUP, f));
        check(MAX_D, OF | NX, f -> Fpu.mulD(MAX_D, 0x4000_0000_0000_0000L, RTZ, f)); // MAX * 2
        check(INF_D, OF | NX, f -> Fpu.mulD(MAX_D, 0x4000_0000_0000_0000L, RNE, f));
        // MAX + ulp(MAX)/2 = 2^1024 - 2^970: a tie between MAX (odd) and 2^1024 -> RNE overflows;
        // RTZ truncates to MAX with unbounded exponent, so it is NOT an overflow, only inexact.
        long halfUlpMax = 0x7c90_0000_0000_0000L; // 2^970
        check(INF_D, OF | NX, f -> Fpu.addD(MAX_D, halfUlpMax, RNE, f));
        check(MAX_D, NX, f -> Fpu.addD(MAX_D, halfUlpMax, RTZ, f));
        check(INF_D, OF | NX, f -> Fpu.addD(MAX_D, halfUlpMax, RUP, f));
    }

    @Test
    void tininessIsDetectedAfterRounding() {
        // (1 - 2^-24) * 2^-126: exactly representable with 24 bits, so rounding with unbounded exponent
        // leaves it below 2^-126 -> tiny. On the subnormal grid (2^-149) it is a tie between 0x007fffff (odd)
        // and 2^-126 (even) -> RNE gives 0x00800000, inexact => UF|NX although the result is normal.
        checkS(MIN_NORMAL_S, UF | NX, f -> Fpu.mulS(0x3f7f_ffff, MIN_NORMAL_S, RNE, f));
        checkS(MIN_NORMAL_S - 1, UF | NX, f -> Fpu.mulS(0x3f7f_ffff, MIN_NORMAL_S, RTZ, f));
        // Same in binary64: (1 - 2^-53) * 2^-1022.
        check(MIN_NORMAL_D, UF | NX, f -> Fpu.mulD(0x3fef_ffff_ffff_ffffL, MIN_NORMAL_D, RNE, f));
        check(MIN_NORMAL_D - 1, UF | NX, f -> Fpu.mulD(0x3fef_ffff_ffff_ffffL, MIN_NORMAL_D, RDN, f));
        // (1 - 2^-25) * 2^-126 = 0x1.ffffffp-127 (binary64): with unbounded exponent and 24 bits it is a tie
        // between 1-2^-24 (odd) and 1 (even), so RNE and RMM round to 2^-126: NOT tiny -> NX only.
        // RTZ/RDN truncate to 1-2^-24: tiny, and inexact -> UF|NX, result the largest subnormal.
        long d = 0x380f_ffff_f000_0000L; // 0x1.ffffffp-127
        checkS(MIN_NORMAL_S, NX, f -> Fpu.cvtSD(d, RNE, f));
        checkS(MIN_NORMAL_S, NX, f -> Fpu.cvtSD(d, RMM, f));
        checkS(MIN_NORMAL_S, NX, f -> Fpu.cvtSD(d, RUP, f));
        checkS(MIN_NORMAL_S - 1, UF | NX, f -> Fpu.cvtSD(d, RTZ, f));
        checkS(MIN_NORMAL_S - 1, UF | NX, f -> Fpu.cvtSD(d, RDN, f));
    }

    @Test
    void underflowToZeroAndExactSubnormals() {
        // 2^-149 * 0.5 = 2^-150: halfway between 0 (even) and 2^-149: RNE -> +0, RMM/RUP -> 2^-149; UF|NX.
        checkS(0, UF | NX, f -> Fpu.mulS(1, 0x3f00_0000, RNE, f));
        checkS(1, UF | NX, f -> Fpu.mulS(1, 0x3f00_0000, RMM, f));
        checkS(1, UF | NX, f -> Fpu.mulS(1, 0x3f00_0000, RUP, f));
        checkS(0x8000_0001, UF | NX, f -> Fpu.mulS(0x8000_0001, 0x3f00_0000, RDN, f));
        checkS(0x8000_0000, UF | NX, f -> Fpu.mulS(0x8000_0001, 0x3f00_0000, RUP, f));
        // Exact subnormal results raise no flag (underflow requires inexactness).
        checkS(2, 0, f -> Fpu.addS(1, 1, RNE, f));
        check(3, 0, f -> Fpu.addD(1, 2, RNE, f));
        check(1, 0, f -> Fpu.mulD(2, 0x3fe0_0000_0000_0000L, RNE, f)); // 2^-1073 * 0.5
    }

    @Test
    void fusedMultiplyAddRoundsOnce() {
        // a = 1 + 2^-12: a*a = 1 + 2^-11 + 2^-24, which binary32 rounds (tie, even) to 1 + 2^-11.
        // a*a - (1 + 2^-11) computed fused is exactly 2^-24; unfused it would be 0.
        int a = 0x3f80_0800;
        int sq = 0x3f80_1000;
        checkS(sq, NX, f -> Fpu.mulS(a, a, RNE, f));
        checkS(0x3380_0000, 0, f -> Fpu.fmsubS(a, a, sq, RNE, f));
        checkS(0xb380_0000, 0, f -> Fpu.fnmaddS(a, a, sq | 0x8000_0000, RNE, f)); // -(a*a) + sq
        // binary64: a = 1 + 2^-27, a*a = 1 + 2^-26 + 2^-54 (below half an ulp, 2^-53) rounds to 1 + 2^-26;
        // fma(a, a, -(1 + 2^-26)) = 2^-54 exactly.
        long ad = 0x3ff0_0000_0200_0000L;
        long sqd = 0x3ff0_0000_0400_0000L;
        check(sqd, NX, f -> Fpu.mulD(ad, ad, RNE, f));
        check(0x3c90_0000_0000_0000L, 0, f -> Fpu.fmsubD(ad, ad, sqd, RNE, f));
        // Directed rounding of the fused result: 1 + 2^-60 in binary64 is 1 (RNE/RTZ/RDN) or 1 + 2^-52 (RUP).
        long tiny = 0x3c30_0000_0000_0000L; // 2^-60
        check(ONE_D, NX, f -> Fpu.fmaddD(ONE_D, ONE_D, tiny, RNE, f));
        check(ONE_D + 1, NX, f -> Fpu.fmaddD(ONE_D, ONE_D, tiny, RUP, f));
        check(ONE_D, NX, f -> Fpu.fmaddD(ONE_D, ONE_D, tiny, RTZ, f));
    }

    @Test
    void fmaInvalidCases() {
        // ISA spec: inf * 0 + qNaN must raise NV (IEEE leaves it optional).
        checkS(QNAN_S, NV, f -> Fpu.fmaddS(INF_S, 0, QNAN_S, RNE, f));
        check(CANON_D, NV, f -> Fpu.fmaddD(0, INF_D, 0x7ff8_0000_0000_1234L, RNE, f));
        // inf*1 - inf: invalid.
        checkS(QNAN_S, NV, f -> Fpu.fmsubS(INF_S, ONE_S, INF_S, RNE, f));
        // A quiet NaN operand is not invalid; the result is the canonical NaN regardless of its payload.
        check(CANON_D, 0, f -> Fpu.fmaddD(0x7ff8_0000_dead_beefL, ONE_D, ONE_D, RNE, f));
        checkS(QNAN_S, NV, f -> Fpu.fmaddS(ONE_S, ONE_S, SNAN_S, RNE, f));
    }

    @Test
    void nanResultsAreCanonical() {
        checkS(QNAN_S, 0, f -> Fpu.addS(0x7fc1_2345, ONE_S, RNE, f));
        checkS(QNAN_S, 0, f -> Fpu.mulS(0xffc0_0001, ONE_S, RNE, f));
        checkS(QNAN_S, NV, f -> Fpu.addS(SNAN_S, ONE_S, RNE, f));
        checkS(QNAN_S, NV, f -> Fpu.subS(INF_S, INF_S, RNE, f));
        check(CANON_D, NV, f -> Fpu.mulD(INF_D, 0, RNE, f));
        check(CANON_D, NV, f -> Fpu.divD(0, 0, RNE, f));
        check(CANON_D, NV, f -> Fpu.divD(INF_D, INF_D, RNE, f));
        check(CANON_D, NV, f -> Fpu.sqrtD(0xbff0_0000_0000_0000L, RNE, f)); // sqrt(-1)
    }

    @Test
    void divisionByZero() {
        checkS(INF_S, DZ, f -> Fpu.divS(ONE_S, 0, RNE, f));
        checkS(INF_S | 0x8000_0000, DZ, f -> Fpu.divS(ONE_S | 0x8000_0000, 0, RNE, f));
        check(INF_D | Long.MIN_VALUE, DZ, f -> Fpu.divD(ONE_D, Long.MIN_VALUE, RNE, f));
        check(0, 0, f -> Fpu.divD(ONE_D, INF_D, RNE, f)); // 1/inf = +0, exact
        // 1/3 = 0.010101...: binary32 0x3eaaaaab (RNE rounds up: the dropped bits are 1010...); RTZ 0x3eaaaaaa.
        checkS(0x3eaa_aaab, NX, f -> Fpu.divS(ONE_S, 0x4040_0000, RNE, f));
        checkS(0x3eaa_aaaa, NX, f -> Fpu.divS(ONE_S, 0x4040_0000, RTZ, f));
        check(0x3fd5_5555_5555_5555L, NX, f -> Fpu.divD(ONE_D, 0x4008_0000_0000_0000L, RNE, f));
        check(0x3fd5_5555_5555_5556L, NX, f -> Fpu.divD(ONE_D, 0x4008_0000_0000_0000L, RUP, f));
    }

    @Test
    void squareRoots() {
        // sqrt(2) = 1.41421356237...; binary32 0x3fb504f3 = 1.41421353816... is below it (RNE = RTZ), RUP is the next.
        checkS(0x3fb5_04f3, NX, f -> Fpu.sqrtS(0x4000_0000, RNE, f));
        checkS(0x3fb5_04f3, NX, f -> Fpu.sqrtS(0x4000_0000, RTZ, f));
        checkS(0x3fb5_04f4, NX, f -> Fpu.sqrtS(0x4000_0000, RUP, f));
        // binary64 0x3ff6a09e667f3bcd = 1.41421356237309514547... is above sqrt(2): RTZ/RDN give the one below.
        check(0x3ff6_a09e_667f_3bcdL, NX, f -> Fpu.sqrtD(0x4000_0000_0000_0000L, RNE, f));
        check(0x3ff6_a09e_667f_3bccL, NX, f -> Fpu.sqrtD(0x4000_0000_0000_0000L, RDN, f));
        check(0x3ff6_a09e_667f_3bcdL, NX, f -> Fpu.sqrtD(0x4000_0000_0000_0000L, RUP, f));
        checkS(0x4040_0000, 0, f -> Fpu.sqrtS(0x4110_0000, RUP, f)); // sqrt(9) = 3 exactly
        checkS(0x8000_0000, 0, f -> Fpu.sqrtS(0x8000_0000, RNE, f)); // sqrt(-0) = -0
        // sqrt(2^-1074) = 2^-537, exact, from a subnormal input.
        check(0x1e60_0000_0000_0000L, 0, f -> Fpu.sqrtD(1, RNE, f));
    }

    @Test
    void floatToIntegerRoundingAndSaturation() {
        int x25 = 0x4020_0000; // 2.5
        check(2, NX, f -> Fpu.cvtWS(x25, RNE, f));
        check(3, NX, f -> Fpu.cvtWS(x25, RMM, f));
        check(3, NX, f -> Fpu.cvtWS(x25, RUP, f));
        check(2, NX, f -> Fpu.cvtWS(x25, RDN, f));
        check(2, NX, f -> Fpu.cvtWS(x25, RTZ, f));
        int m25 = x25 | 0x8000_0000;
        check(-2, NX, f -> Fpu.cvtWS(m25, RNE, f));
        check(-3, NX, f -> Fpu.cvtWS(m25, RMM, f));
        check(-3, NX, f -> Fpu.cvtWS(m25, RDN, f));
        // Spec table "domains of float-to-integer conversions": NaN -> largest positive, NV only.
        check(0x7fff_ffffL, NV, f -> Fpu.cvtWS(QNAN_S, RNE, f));
        check(0xffff_ffff_8000_0000L, NV, f -> Fpu.cvtWS(INF_S | 0x8000_0000, RNE, f)); // -2^31, sign-extended
        check(0x7fff_ffffL, NV, f -> Fpu.cvtWS(0x4f32_d05e, RNE, f));      // 3e9 > 2^31-1
        check(-1L, NV, f -> Fpu.cvtWUS(QNAN_S, RNE, f));                   // 2^32-1, sign-extended
        check(0, NV, f -> Fpu.cvtWUS(0xbf80_0000, RNE, f));                // -1 -> 0, invalid
        check(0, NX, f -> Fpu.cvtWUS(0xbf00_0000, RTZ, f));                // -0.5 rounds to 0: valid, inexact
        check(0, NV, f -> Fpu.cvtWUS(0xbf00_0000, RDN, f));                // -0.5 rounds to -1: invalid
        check(0xffff_ffff_b2d0_5e00L, 0, f -> Fpu.cvtWUS(0x4f32_d05e, RNE, f)); // 3e9 exactly, sign-extended
        check(Long.MIN_VALUE, 0, f -> Fpu.cvtLD(0xc3e0_0000_0000_0000L, RNE, f)); // -2^63 fits
        check(Long.MAX_VALUE, NV, f -> Fpu.cvtLD(0x43e0_0000_0000_0000L, RNE, f)); // 2^63 does not
        check(-1L, NV, f -> Fpu.cvtLUD(0x43f0_0000_0000_0000L, RNE, f));   // 2^64 -> 2^64-1
        check(0x8000_0000_0000_0000L, 0, f -> Fpu.cvtLUD(0x43e0_0000_0000_0000L, RNE, f)); // 2^63 fits LU
        check(Long.MAX_VALUE, NV, f -> Fpu.cvtLD(CANON_D, RNE, f));
    }

    @Test
    void integerToFloatRounding() {
        // 2^24 + 1 is halfway between 2^24 and 2^24 + 2: RNE -> 2^24 (even), RMM/RUP -> 2^24 + 2.
        checkS(0x4b80_0000, NX, f -> Fpu.cvtSW(16_777_217, RNE, f));
        checkS(0x4b80_0001, NX, f -> Fpu.cvtSW(16_777_217, RMM, f));
        checkS(0x4b80_0001, NX, f -> Fpu.cvtSW(16_777_217, RUP, f));
        checkS(0xcb80_0001, NX, f -> Fpu.cvtSW(-16_777_217, RDN, f));
        // W variants use the low 32 bits of the register.
        checkS(ONE_S, 0, f -> Fpu.cvtSW(0x1234_5678_0000_0001L, RNE, f));
        checkS(0, 0, f -> Fpu.cvtSWU(0xffff_ffff_0000_0000L, RNE, f)); // low word 0 -> +0
        checkS(0x4f80_0000, NX, f -> Fpu.cvtSWU(0xffff_ffffL, RNE, f)); // 2^32-1 -> 2^32 (RNE)
        check(0x4340_0000_0000_0000L, NX, f -> Fpu.cvtDL((1L << 53) + 1, RNE, f));
        check(0x4340_0000_0000_0001L, NX, f -> Fpu.cvtDL((1L << 53) + 1, RMM, f));
        // 2^64 - 1 (unsigned): RNE -> 2^64 = 0x5f800000, RTZ -> 0x5f7fffff.
        checkS(0x5f80_0000, NX, f -> Fpu.cvtSLU(-1L, RNE, f));
        checkS(0x5f7f_ffff, NX, f -> Fpu.cvtSLU(-1L, RTZ, f));
        check(0xc3e0_0000_0000_0000L, 0, f -> Fpu.cvtDL(Long.MIN_VALUE, RNE, f)); // -2^63 exact
        check(0x41ef_ffff_ffe0_0000L, 0, f -> Fpu.cvtDWU(-1L, RNE, f));            // 2^32-1 exact
        check(0xc1e0_0000_0000_0000L, 0, f -> Fpu.cvtDW(0x8000_0000L, RNE, f));    // -2^31
    }

    @Test
    void formatConversions() {
        checkS(QNAN_S, NV, f -> Fpu.cvtSD(0x7ff0_0000_0000_0001L, RNE, f));  // sNaN -> canonical, NV
        checkS(QNAN_S, 0, f -> Fpu.cvtSD(0xfff8_0000_0000_1234L, RNE, f));  // qNaN -> canonical, quietly
        checkS(INF_S, OF | NX, f -> Fpu.cvtSD(MAX_D, RNE, f));
        checkS(MAX_S, OF | NX, f -> Fpu.cvtSD(MAX_D, RTZ, f));
        checkS(0x8000_0000, UF | NX, f -> Fpu.cvtSD(0x8000_0000_0000_0001L, RNE, f)); // -2^-1074 -> -0
        checkS(0x8000_0001, UF | NX, f -> Fpu.cvtSD(0x8000_0000_0000_0001L, RDN, f));
        check(CANON_D, NV, f -> Fpu.cvtDS(SNAN_S, RNE, f));
        check(0x36a0_0000_0000_0000L, 0, f -> Fpu.cvtDS(1, RNE, f)); // 2^-149 exactly
    }

    @Test
    void minMaxNumberSemantics() {
        // ISA spec F "FMIN/FMAX": -0 < +0; one NaN -> the other operand; both NaN -> canonical; sNaN sets NV.
        checkS(0x8000_0000, 0, f -> Fpu.minS(0, 0x8000_0000, f));
        checkS(0, 0, f -> Fpu.maxS(0x8000_0000, 0, f));
        checkS(ONE_S, 0, f -> Fpu.minS(0x7fc1_0000, ONE_S, f));
        checkS(ONE_S, NV, f -> Fpu.maxS(ONE_S, SNAN_S, f));
        checkS(QNAN_S, 0, f -> Fpu.minS(0xffc0_0000, 0x7fc0_0001, f));
        checkS(QNAN_S, NV, f -> Fpu.maxS(SNAN_S, QNAN_S, f));
        check(Long.MIN_VALUE, 0, f -> Fpu.minD(0, Long.MIN_VALUE, f));
        check(INF_D | Long.MIN_VALUE, 0, f -> Fpu.minD(INF_D | Long.MIN_VALUE, MAX_D, f));
    }

    @Test
    void comparisons() {
        check(0, 0, f -> Fpu.eqS(QNAN_S, ONE_S, f));      // FEQ is quiet
        check(0, NV, f -> Fpu.eqS(SNAN_S, ONE_S, f));     // ... except for signalling NaNs
        check(0, NV, f -> Fpu.ltS(QNAN_S, ONE_S, f));     // FLT/FLE signal on any NaN
        check(0, NV, f -> Fpu.leD(CANON_D, CANON_D, f));
        check(1, 0, f -> Fpu.eqS(0x8000_0000, 0, f));     // -0 == +0
        check(0, 0, f -> Fpu.ltD(Long.MIN_VALUE, 0, f));  // -0 < +0 is false
        check(1, 0, f -> Fpu.leD(Long.MIN_VALUE, 0, f));
        check(1, 0, f -> Fpu.ltD(1, 2, f));               // subnormals compare by value
    }

    @Test
    void classify() {
        // FCLASS bit i: 0 -inf, 1 -normal, 2 -subnormal, 3 -0, 4 +0, 5 +subnormal, 6 +normal, 7 +inf, 8 sNaN, 9 qNaN.
        assertEquals(1L << 0, Fpu.classS(INF_S | 0x8000_0000));
        assertEquals(1L << 1, Fpu.classS(ONE_S | 0x8000_0000));
        assertEquals(1L << 2, Fpu.classS(0x8000_0001));
        assertEquals(1L << 3, Fpu.classS(0x8000_0000));
        assertEquals(1L << 4, Fpu.classS(0));
        assertEquals(1L << 5, Fpu.classS(0x007f_ffff));
        assertEquals(1L << 6, Fpu.classS(MIN_NORMAL_S));
        assertEquals(1L << 7, Fpu.classS(INF_S));
        assertEquals(1L << 8, Fpu.classS(SNAN_S));
        assertEquals(1L << 9, Fpu.classS(QNAN_S));
        assertEquals(1L << 8, Fpu.classD(0xfff0_0000_0000_0001L));
        assertEquals(1L << 9, Fpu.classD(CANON_D));
        assertEquals(1L << 2, Fpu.classD(0x800f_ffff_ffff_ffffL));
        assertEquals(1L << 6, Fpu.classD(MAX_D));
    }

    @Test
    void nanBoxing() {
        // ISA spec D "NaN Boxing of Narrower Values": a binary32 value in an f register has the upper 32 bits set;
        // an operand that is not properly boxed reads as the canonical NaN.
        assertEquals(0xffff_ffff_3f80_0000L, Fpu.boxS(ONE_S));
        assertEquals(0xffff_ffff_8000_0000L, Fpu.boxS(0x8000_0000));
        assertEquals(ONE_S, Fpu.unboxS(0xffff_ffff_3f80_0000L));
        assertEquals(QNAN_S, Fpu.unboxS(0x0000_0000_3f80_0000L));
        assertEquals(QNAN_S, Fpu.unboxS(0xffff_fffe_3f80_0000L));
        assertEquals(QNAN_S, Fpu.unboxS(ONE_D));
    }

    @Test
    void flagsAccumulate() {
        FpFlags f = new FpFlags();
        Fpu.divS(ONE_S, 0, RNE, f);                  // DZ
        Fpu.addS(ONE_S, 0x3380_0000, RNE, f);        // NX
        Fpu.addS(SNAN_S, ONE_S, RNE, f);             // NV
        assertEquals(DZ | NX | NV, f.fflags);
        assertEquals(true, RoundingMode.isValid(RMM));
        assertEquals(false, RoundingMode.isValid(5));
        assertEquals(false, RoundingMode.isValid(RoundingMode.DYN));
    }
}
