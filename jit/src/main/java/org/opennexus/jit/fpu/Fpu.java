package org.opennexus.jit.fpu;

import static org.opennexus.jit.fpu.FpFlags.NV;

/**
 * RISC-V F and D extension arithmetic, IEEE 754-2019 exact: the operations the hart executes for
 * FADD..FCVT. binary32 operands/results are raw bits in an int, binary64 in a long. {@code rm} must be a
 * valid static mode (0..4: the hart resolves DYN from frm and traps on reserved modes). Flags are ORed
 * into {@code f.fflags}. Every NaN result is the canonical NaN (RISC-V does not propagate payloads).
 * No method allocates or throws. See docs/fpu.md.
 */
public final class Fpu {
    /** Canonical binary32 NaN (ISA spec, F: "NaN Generation and Propagation"). */
    public static final int CANONICAL_NAN_S = 0x7fc00000;
    /** Canonical binary64 NaN. */
    public static final long CANONICAL_NAN_D = 0x7ff8000000000000L;

    private static final int SIGN_S = Integer.MIN_VALUE;
    private static final long SIGN_D = Long.MIN_VALUE;

    private Fpu() {}

    // =============================== single precision ===============================

    public static int addS(int a, int b, int rm, FpFlags f) { return F32.add(a, b, rm, f); }
    public static int subS(int a, int b, int rm, FpFlags f) { return F32.add(a, b ^ SIGN_S, rm, f); }
    public static int mulS(int a, int b, int rm, FpFlags f) { return F32.mul(a, b, rm, f); }
    public static int divS(int a, int b, int rm, FpFlags f) { return F32.div(a, b, rm, f); }
    public static int sqrtS(int a, int rm, FpFlags f) { return F32.sqrt(a, rm, f); }

    /** FMADD.S: a*b+c, one rounding. */
    public static int fmaddS(int a, int b, int c, int rm, FpFlags f) { return F32.fma(a, b, c, rm, f); }
    /** FMSUB.S: a*b-c. */
    public static int fmsubS(int a, int b, int c, int rm, FpFlags f) { return F32.fma(a, b, c ^ SIGN_S, rm, f); }
    /** FNMSUB.S: -(a*b)+c. */
    public static int fnmsubS(int a, int b, int c, int rm, FpFlags f) { return F32.fma(a ^ SIGN_S, b, c, rm, f); }
    /** FNMADD.S: -(a*b)-c. */
    public static int fnmaddS(int a, int b, int c, int rm, FpFlags f) { return F32.fma(a ^ SIGN_S, b, c ^ SIGN_S, rm, f); }

    public static int minS(int a, int b, FpFlags f) { return FpCompare.minS(a, b, f); }
    public static int maxS(int a, int b, FpFlags f) { return FpCompare.maxS(a, b, f); }
    public static long eqS(int a, int b, FpFlags f) { return FpCompare.eqS(a, b, f); }
    public static long ltS(int a, int b, FpFlags f) { return FpCompare.ltS(a, b, f); }
    public static long leS(int a, int b, FpFlags f) { return FpCompare.leS(a, b, f); }
    public static long classS(int a) { return FpCompare.classS(a); }

    // binary32 -> integer: NaN handled on the bits, every other value widens to binary64 exactly.
    public static long cvtWS(int a, int rm, FpFlags f) { return FpConvert.toW(Float.intBitsToFloat(a), rm, f); }
    public static long cvtWUS(int a, int rm, FpFlags f) { return FpConvert.toWU(Float.intBitsToFloat(a), rm, f); }
    public static long cvtLS(int a, int rm, FpFlags f) { return FpConvert.toL(Float.intBitsToFloat(a), rm, f); }
    public static long cvtLUS(int a, int rm, FpFlags f) { return FpConvert.toLU(Float.intBitsToFloat(a), rm, f); }

    public static int cvtSW(long x, int rm, FpFlags f) { int v = (int) x; return FpConvert.toS(v < 0, Math.abs((long) v), rm, f); }
    public static int cvtSWU(long x, int rm, FpFlags f) { return FpConvert.toS(false, x & 0xFFFF_FFFFL, rm, f); }
    public static int cvtSL(long x, int rm, FpFlags f) { return FpConvert.toS(x < 0, x < 0 ? -x : x, rm, f); }
    public static int cvtSLU(long x, int rm, FpFlags f) { return FpConvert.toS(false, x, rm, f); }

    // =============================== double precision ===============================

    public static long addD(long a, long b, int rm, FpFlags f) { return F64.add(a, b, rm, f); }
    public static long subD(long a, long b, int rm, FpFlags f) { return F64.add(a, b ^ SIGN_D, rm, f); }
    public static long mulD(long a, long b, int rm, FpFlags f) { return F64.mul(a, b, rm, f); }
    public static long divD(long a, long b, int rm, FpFlags f) { return F64.div(a, b, rm, f); }
    public static long sqrtD(long a, int rm, FpFlags f) { return F64.sqrt(a, rm, f); }

    public static long fmaddD(long a, long b, long c, int rm, FpFlags f) { return F64.fma(a, b, c, rm, f); }
    public static long fmsubD(long a, long b, long c, int rm, FpFlags f) { return F64.fma(a, b, c ^ SIGN_D, rm, f); }
    public static long fnmsubD(long a, long b, long c, int rm, FpFlags f) { return F64.fma(a ^ SIGN_D, b, c, rm, f); }
    public static long fnmaddD(long a, long b, long c, int rm, FpFlags f) { return F64.fma(a ^ SIGN_D, b, c ^ SIGN_D, rm, f); }

    public static long minD(long a, long b, FpFlags f) { return FpCompare.minD(a, b, f); }
    public static long maxD(long a, long b, FpFlags f) { return FpCompare.maxD(a, b, f); }
    public static long eqD(long a, long b, FpFlags f) { return FpCompare.eqD(a, b, f); }
    public static long ltD(long a, long b, FpFlags f) { return FpCompare.ltD(a, b, f); }
    public static long leD(long a, long b, FpFlags f) { return FpCompare.leD(a, b, f); }
    public static long classD(long a) { return FpCompare.classD(a); }

    public static long cvtWD(long a, int rm, FpFlags f) { return FpConvert.toW(Double.longBitsToDouble(a), rm, f); }
    public static long cvtWUD(long a, int rm, FpFlags f) { return FpConvert.toWU(Double.longBitsToDouble(a), rm, f); }
    public static long cvtLD(long a, int rm, FpFlags f) { return FpConvert.toL(Double.longBitsToDouble(a), rm, f); }
    public static long cvtLUD(long a, int rm, FpFlags f) { return FpConvert.toLU(Double.longBitsToDouble(a), rm, f); }

    public static long cvtDW(long x, int rm, FpFlags f) { return Double.doubleToRawLongBits((int) x); }
    public static long cvtDWU(long x, int rm, FpFlags f) { return Double.doubleToRawLongBits(x & 0xFFFF_FFFFL); }
    public static long cvtDL(long x, int rm, FpFlags f) { return FpConvert.toD(x < 0, x < 0 ? -x : x, rm, f); }
    public static long cvtDLU(long x, int rm, FpFlags f) { return FpConvert.toD(false, x, rm, f); }

    // =============================== between formats ===============================

    /** FCVT.S.D: rounds; NaN -> canonical NaN (NV if signalling). */
    public static int cvtSD(long a, int rm, FpFlags f) {
        if (F64.isNaN(a)) {
            if (F64.isSNaN(a)) {
                f.fflags |= NV;
            }
            return CANONICAL_NAN_S;
        }
        if ((a & Long.MAX_VALUE) == 0 || (a & Long.MAX_VALUE) == 0x7FF0_0000_0000_0000L) {
            return (int) (a >>> 32) & SIGN_S | ((a & Long.MAX_VALUE) == 0 ? 0 : 0x7F80_0000); // ±0, ±inf
        }
        return F32.round(Double.longBitsToDouble(a), rm, f);
    }

    /** FCVT.D.S: exact; NaN -> canonical NaN (NV if signalling). */
    public static long cvtDS(int a, int rm, FpFlags f) {
        if (F32.isNaN(a)) {
            if (F32.isSNaN(a)) {
                f.fflags |= NV;
            }
            return CANONICAL_NAN_D;
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(a));
    }

    // =============================== NaN boxing (ISA spec, D: "NaN Boxing of Narrower Values") ===============================

    /** A binary32 value as held in a 64-bit f register: upper 32 bits all ones. */
    public static long boxS(int bits) {
        return 0xFFFF_FFFF_0000_0000L | (bits & 0xFFFF_FFFFL);
    }

    /** The binary32 operand read from a 64-bit f register: the canonical NaN unless properly NaN-boxed. */
    public static int unboxS(long reg) {
        return (reg >>> 32) == 0xFFFF_FFFFL ? (int) reg : CANONICAL_NAN_S;
    }
}
