package org.opennexus.jit;

/**
 * Small pure functions that translated code calls for operations with no single JVM instruction.
 * Each is tiny so HotSpot inlines it; semantics mirror {@link Interpreter} exactly (the lockstep
 * tests compare the two engines).
 */
public final class TranslatorOps {
    private TranslatorOps() { }

    public static long mulhsu(long a, long b) { return Interpreter.mulDiv(2, a, b); }
    public static long div(long a, long b) { return b == 0 ? -1 : a / b; }
    public static long divu(long a, long b) { return b == 0 ? -1 : Long.divideUnsigned(a, b); }
    public static long rem(long a, long b) { return b == 0 ? a : a % b; }
    public static long remu(long a, long b) { return b == 0 ? a : Long.remainderUnsigned(a, b); }
    public static long divw(long a, long b) { int x = (int) a, y = (int) b; return y == 0 ? -1 : x / y; }
    public static long divuw(long a, long b) { int x = (int) a, y = (int) b; return y == 0 ? -1 : Integer.divideUnsigned(x, y); }
    public static long remw(long a, long b) { int x = (int) a, y = (int) b; return y == 0 ? x : x % y; }
    public static long remuw(long a, long b) { int x = (int) a, y = (int) b; return y == 0 ? x : Integer.remainderUnsigned(x, y); }
    public static long minu(long a, long b) { return Long.compareUnsigned(a, b) < 0 ? a : b; }
    public static long maxu(long a, long b) { return Long.compareUnsigned(a, b) > 0 ? a : b; }
    public static long orcB(long a) { return Interpreter.orcB(a); }
    public static long czeroEqz(long a, long b) { return b == 0 ? 0 : a; }
    public static long czeroNez(long a, long b) { return b != 0 ? 0 : a; }
}
