package org.opennexus.jit.fpu;

import static org.opennexus.jit.fpu.FpFlags.NX;
import static org.opennexus.jit.fpu.FpFlags.OF;
import static org.opennexus.jit.fpu.FpFlags.UF;
import static org.opennexus.jit.fpu.RoundingMode.RDN;
import static org.opennexus.jit.fpu.RoundingMode.RMM;
import static org.opennexus.jit.fpu.RoundingMode.RNE;
import static org.opennexus.jit.fpu.RoundingMode.RUP;

/**
 * The one place where an exact (or sticky-jammed) significand is rounded to binary32/binary64,
 * in the style of Berkeley SoftFloat's roundPack: all five RISC-V rounding modes, overflow results per
 * mode, subnormals, and tininess detected AFTER rounding (RISC-V, and QEMU's default for riscv).
 *
 * <p>Conventions: binary64 value = sig * 2^(exp - 1084) with sig normalised to bit 62 (10 round bits);
 * binary32 value = sig * 2^(exp - 156) with sig normalised to bit 30 (7 round bits). The low bit of sig
 * is a sticky ("jam") bit: any non-zero bits shifted out below it were ORed into it.
 */
final class SoftRound {
    private SoftRound() {}

    /** Unsigned shift right; bits shifted out are ORed into bit 0. */
    static long shiftRightJam(long sig, int dist) {
        if (dist <= 0) {
            return sig;
        }
        if (dist < 64) {
            return (sig >>> dist) | ((sig << (64 - dist)) != 0 ? 1 : 0);
        }
        return sig != 0 ? 1 : 0;
    }

    /** The round increment for 'bits' round bits (half = 1 << (bits-1)): nearest modes add half, directed modes 0 or all ones. */
    private static long increment(boolean sign, int rm, long half) {
        if (rm == RNE || rm == RMM) {
            return half;
        }
        return rm == (sign ? RDN : RUP) ? 2 * half - 1 : 0;
    }

    /** Rounds sig * 2^(exp-1084) (sig in [2^62, 2^63)) to binary64 bits. */
    static long roundPackD(boolean sign, int exp, long sig, int rm, FpFlags f) {
        long inc = increment(sign, rm, 0x200);
        int roundBits = (int) (sig & 0x3FF);
        if (exp < 0 || exp >= 0x7FD) {
            if (exp < 0) {
                // Tiny after rounding: the value rounded to 53 bits with unbounded exponent stays below 2^-1022.
                boolean tiny = exp < -1 || sig + inc >= 0; // (sig + inc) < 2^63 as unsigned
                sig = shiftRightJam(sig, -exp);
                exp = 0;
                roundBits = (int) (sig & 0x3FF);
                if (tiny && roundBits != 0) {
                    f.fflags |= UF;
                }
            } else if (exp > 0x7FD || sig + inc < 0) {
                f.fflags |= OF | NX;
                // RNE/RMM and the mode rounding away from zero give infinity, the others the largest finite number.
                return (sign ? Long.MIN_VALUE : 0) + 0x7FF0_0000_0000_0000L - (inc == 0 ? 1 : 0);
            }
        }
        sig = (sig + inc) >>> 10;
        if (roundBits != 0) {
            f.fflags |= NX;
        }
        if (rm == RNE && roundBits == 0x200) {
            sig &= ~1L; // exact tie: to even
        }
        if (sig == 0) {
            exp = 0;
        }
        return (sign ? Long.MIN_VALUE : 0) + ((long) exp << 52) + sig;
    }

    /** Rounds sig * 2^(exp-156) (sig in [2^30, 2^31)) to binary32 bits. */
    static int roundPackS(boolean sign, int exp, long sig, int rm, FpFlags f) {
        long inc = increment(sign, rm, 0x40);
        int roundBits = (int) (sig & 0x7F);
        if (exp < 0 || exp >= 0xFD) {
            if (exp < 0) {
                boolean tiny = exp < -1 || sig + inc < 0x8000_0000L;
                sig = shiftRightJam(sig, -exp);
                exp = 0;
                roundBits = (int) (sig & 0x7F);
                if (tiny && roundBits != 0) {
                    f.fflags |= UF;
                }
            } else if (exp > 0xFD || sig + inc >= 0x8000_0000L) {
                f.fflags |= OF | NX;
                return (sign ? Integer.MIN_VALUE : 0) + 0x7F80_0000 - (inc == 0 ? 1 : 0);
            }
        }
        sig = (sig + inc) >>> 7;
        if (roundBits != 0) {
            f.fflags |= NX;
        }
        if (rm == RNE && roundBits == 0x40) {
            sig &= ~1L;
        }
        if (sig == 0) {
            exp = 0;
        }
        return (sign ? Integer.MIN_VALUE : 0) + (exp << 23) + (int) sig;
    }

    /** Rounds sig * 2^(exp-1084) for any non-zero unsigned 64-bit sig. */
    static long normRoundPackD(boolean sign, int exp, long sig, int rm, FpFlags f) {
        int lz = Long.numberOfLeadingZeros(sig);
        if (lz == 0) {
            return roundPackD(sign, exp + 1, shiftRightJam(sig, 1), rm, f);
        }
        return roundPackD(sign, exp - (lz - 1), sig << (lz - 1), rm, f);
    }

    /** Rounds sig * 2^(exp-156) for any non-zero unsigned 64-bit sig. */
    static int normRoundPackS(boolean sign, int exp, long sig, int rm, FpFlags f) {
        int lz = Long.numberOfLeadingZeros(sig);
        if (lz < 33) {
            return roundPackS(sign, exp + (33 - lz), shiftRightJam(sig, 33 - lz), rm, f);
        }
        return roundPackS(sign, exp - (lz - 33), sig << (lz - 33), rm, f);
    }

    /**
     * Rounds a finite non-zero binary64 value to binary32 (FCVT.S.D, and the last step of every single
     * precision operation, which computes its result exactly or rounded-to-odd in binary64 first).
     */
    static int roundDoubleToS(long d, int rm, FpFlags f) {
        boolean sign = d < 0;
        int e = (int) (d >>> 52) & 0x7FF;
        long frac = d & 0x000F_FFFF_FFFF_FFFFL;
        // 52-bit fraction -> 30-bit fraction with sticky, hidden bit at 30. A binary64 subnormal (e == 0) is
        // far below binary32's range; treating its hidden bit as set only changes bits that round away.
        long sig = shiftRightJam(frac, 22) | 0x4000_0000L;
        return roundPackS(sign, e - 0x381, sig, rm, f);
    }
}
