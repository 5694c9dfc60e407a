package org.opennexus.jit.fpu;

/** RISC-V F and D extension arithmetic (API stub; implementation follows). */
public final class Fpu {
    public static final int CANONICAL_NAN_S = 0x7fc00000;
    public static final long CANONICAL_NAN_D = 0x7ff8000000000000L;

    private Fpu() {}

    public static int addS(int a, int b, int rm, FpFlags f) { return 0; }
    public static int subS(int a, int b, int rm, FpFlags f) { return 0; }
    public static int mulS(int a, int b, int rm, FpFlags f) { return 0; }
    public static int divS(int a, int b, int rm, FpFlags f) { return 0; }
    public static int sqrtS(int a, int rm, FpFlags f) { return 0; }
    public static int fmaddS(int a, int b, int c, int rm, FpFlags f) { return 0; }
    public static int fmsubS(int a, int b, int c, int rm, FpFlags f) { return 0; }
    public static int fnmsubS(int a, int b, int c, int rm, FpFlags f) { return 0; }
    public static int fnmaddS(int a, int b, int c, int rm, FpFlags f) { return 0; }
    public static int minS(int a, int b, FpFlags f) { return 0; }
    public static int maxS(int a, int b, FpFlags f) { return 0; }
    public static long eqS(int a, int b, FpFlags f) { return 0; }
    public static long ltS(int a, int b, FpFlags f) { return 0; }
    public static long leS(int a, int b, FpFlags f) { return 0; }
    public static long classS(int a) { return 0; }
    public static long cvtWS(int a, int rm, FpFlags f) { return 0; }
    public static long cvtWUS(int a, int rm, FpFlags f) { return 0; }
    public static long cvtLS(int a, int rm, FpFlags f) { return 0; }
    public static long cvtLUS(int a, int rm, FpFlags f) { return 0; }
    public static int cvtSW(long x, int rm, FpFlags f) { return 0; }
    public static int cvtSWU(long x, int rm, FpFlags f) { return 0; }
    public static int cvtSL(long x, int rm, FpFlags f) { return 0; }
    public static int cvtSLU(long x, int rm, FpFlags f) { return 0; }
    public static long addD(long a, long b, int rm, FpFlags f) { return 0; }
    public static long subD(long a, long b, int rm, FpFlags f) { return 0; }
    public static long mulD(long a, long b, int rm, FpFlags f) { return 0; }
    public static long divD(long a, long b, int rm, FpFlags f) { return 0; }
    public static long sqrtD(long a, int rm, FpFlags f) { return 0; }
    public static long fmaddD(long a, long b, long c, int rm, FpFlags f) { return 0; }
    public static long fmsubD(long a, long b, long c, int rm, FpFlags f) { return 0; }
    public static long fnmsubD(long a, long b, long c, int rm, FpFlags f) { return 0; }
    public static long fnmaddD(long a, long b, long c, int rm, FpFlags f) { return 0; }
    public static long minD(long a, long b, FpFlags f) { return 0; }
    public static long maxD(long a, long b, FpFlags f) { return 0; }
    public static long eqD(long a, long b, FpFlags f) { return 0; }
    public static long ltD(long a, long b, FpFlags f) { return 0; }
    public static long leD(long a, long b, FpFlags f) { return 0; }
    public static long classD(long a) { return 0; }
    public static long cvtWD(long a, int rm, FpFlags f) { return 0; }
    public static long cvtWUD(long a, int rm, FpFlags f) { return 0; }
    public static long cvtLD(long a, int rm, FpFlags f) { return 0; }
    public static long cvtLUD(long a, int rm, FpFlags f) { return 0; }
    public static long cvtDW(long x, int rm, FpFlags f) { return 0; }
    public static long cvtDWU(long x, int rm, FpFlags f) { return 0; }
    public static long cvtDL(long x, int rm, FpFlags f) { return 0; }
    public static long cvtDLU(long x, int rm, FpFlags f) { return 0; }
    public static int cvtSD(long a, int rm, FpFlags f) { return 0; }
    public static long cvtDS(int a, int rm, FpFlags f) { return 0; }
    public static long boxS(int bits) { return 0xFFFF_FFFF_0000_0000L | (bits & 0xFFFF_FFFFL); }
    public static int unboxS(long reg) { return (reg >>> 32) == 0xFFFF_FFFFL ? (int) reg : CANONICAL_NAN_S; }
}
