package org.opennexus.jit.fpu;

import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;

/**
 * Test vectors for the QEMU oracle (jit/src/test/fpu-oracle/run-qemu.sh): generates operands with the
 * same biased generators as {@link FpuOracleTest}, and evaluates a vector with {@link Fpu} exactly as the
 * hart would (64-bit f-register values in, NaN-boxing for binary32, 64-bit register value out).
 * Opcode numbers match fpu_vectors.c.
 */
final class QemuVectors {
    private QemuVectors() {}

    /** Operation codes (fpu_vectors.c): 0..22 binary32, 32..54 the same for binary64, 60 fcvt.s.d, 61 fcvt.d.s. */
    static final int[] OPS = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54,
        60, 61};

    static final String[] NAMES = new String[64];

    static {
        String[] base = {"fadd", "fsub", "fmul", "fdiv", "fsqrt", "fmadd", "fmsub", "fnmsub", "fnmadd", "fmin", "fmax",
            "feq", "flt", "fle", "fclass", "fcvt.w", "fcvt.wu", "fcvt.l", "fcvt.lu", "fcvt.?.w", "fcvt.?.wu", "fcvt.?.l", "fcvt.?.lu"};
        for (int i = 0; i < base.length; i++) {
            NAMES[i] = base[i].replace("?", "s") + (base[i].contains("?") ? "" : ".s");
            NAMES[32 + i] = base[i].replace("?", "d") + (base[i].contains("?") ? "" : ".d");
        }
        NAMES[60] = "fcvt.s.d";
        NAMES[61] = "fcvt.d.s";
    }

    /** The destination register value of op on register values a, b, c in mode rm; flags into f. */
    static long eval(int op, int rm, long a, long b, long c, FpFlags f) {
        int x = Fpu.unboxS(a);
        int y = Fpu.unboxS(b);
        int z = Fpu.unboxS(c);
        return switch (op) {
            case 0 -> Fpu.boxS(Fpu.addS(x, y, rm, f));
            case 1 -> Fpu.boxS(Fpu.subS(x, y, rm, f));
            case 2 -> Fpu.boxS(Fpu.mulS(x, y, rm, f));
            case 3 -> Fpu.boxS(Fpu.divS(x, y, rm, f));
            case 4 -> Fpu.boxS(Fpu.sqrtS(x, rm, f));
            case 5 -> Fpu.boxS(Fpu.fmaddS(x, y, z, rm, f));
            case 6 -> Fpu.boxS(Fpu.fmsubS(x, y, z, rm, f));
            case 7 -> Fpu.boxS(Fpu.fnmsubS(x, y, z, rm, f));
            case 8 -> Fpu.boxS(Fpu.fnmaddS(x, y, z, rm, f));
            case 9 -> Fpu.boxS(Fpu.minS(x, y, f));
            case 10 -> Fpu.boxS(Fpu.maxS(x, y, f));
            case 11 -> Fpu.eqS(x, y, f);
            case 12 -> Fpu.ltS(x, y, f);
            case 13 -> Fpu.leS(x, y, f);
            case 14 -> Fpu.classS(x);
            case 15 -> Fpu.cvtWS(x, rm, f);
            case 16 -> Fpu.cvtWUS(x, rm, f);
            case 17 -> Fpu.cvtLS(x, rm, f);
            case 18 -> Fpu.cvtLUS(x, rm, f);
            case 19 -> Fpu.boxS(Fpu.cvtSW(a, rm, f));
            case 20 -> Fpu.boxS(Fpu.cvtSWU(a, rm, f));
            case 21 -> Fpu.boxS(Fpu.cvtSL(a, rm, f));
            case 22 -> Fpu.boxS(Fpu.cvtSLU(a, rm, f));
            case 32 -> Fpu.addD(a, b, rm, f);
            case 33 -> Fpu.subD(a, b, rm, f);
            case 34 -> Fpu.mulD(a, b, rm, f);
            case 35 -> Fpu.divD(a, b, rm, f);
            case 36 -> Fpu.sqrtD(a, rm, f);
            case 37 -> Fpu.fmaddD(a, b, c, rm, f);
            case 38 -> Fpu.fmsubD(a, b, c, rm, f);
            case 39 -> Fpu.fnmsubD(a, b, c, rm, f);
            case 40 -> Fpu.fnmaddD(a, b, c, rm, f);
            case 41 -> Fpu.minD(a, b, f);
            case 42 -> Fpu.maxD(a, b, f);
            case 43 -> Fpu.eqD(a, b, f);
            case 44 -> Fpu.ltD(a, b, f);
            case 45 -> Fpu.leD(a, b, f);
            case 46 -> Fpu.classD(a);
            case 47 -> Fpu.cvtWD(a, rm, f);
            case 48 -> Fpu.cvtWUD(a, rm, f);
            case 49 -> Fpu.cvtLD(a, rm, f);
            case 50 -> Fpu.cvtLUD(a, rm, f);
            case 51 -> Fpu.cvtDW(a, rm, f);
            case 52 -> Fpu.cvtDWU(a, rm, f);
            case 53 -> Fpu.cvtDL(a, rm, f);
            case 54 -> Fpu.cvtDLU(a, rm, f);
            case 60 -> Fpu.boxS(Fpu.cvtSD(a, rm, f));
            case 61 -> Fpu.cvtDS(x, rm, f);
            default -> throw new IllegalArgumentException("op " + op);
        };
    }

    private static Function<Gen, long[]> inputs(int op) {
        boolean single = op < 32;
        int k = op & 31;
        if (op == 60) {
            return FpuOracleTest::narrowInput;
        }
        if (op == 61) {
            return FpuOracleTest::one;
        }
        return switch (k) {
            case 2 -> g -> FpuOracleTest.mulInputs(g, single);
            case 3 -> g -> FpuOracleTest.divInputs(g, single);
            case 4 -> g -> FpuOracleTest.sqrtInputs(g, single);
            case 5, 6, 7, 8 -> g -> FpuOracleTest.three(g, single);
            case 14 -> FpuOracleTest::one;
            case 15, 16, 17, 18 -> FpuOracleTest::toIntInput;
            case 19, 20, 21, 22 -> FpuOracleTest::intInput;
            default -> FpuOracleTest::two;
        };
    }

    /** Register value for a generated operand: binary32 values NaN-boxed, rarely left unboxed (spec 12.2). */
    private static long reg(Gen g, long v, boolean single) {
        if (!single) {
            return v;
        }
        return g.rnd.nextInt(64) == 0 ? (g.rnd.nextLong() & 0xFFFF_FFFF_0000_0000L) >>> g.rnd.nextInt(2) | (v & 0xFFFF_FFFFL)
                                      : Fpu.boxS((int) v);
    }

    /** Usage: QemuVectors perOp seed out.bin inputs.txt */
    public static void main(String[] args) throws IOException {
        int perOp = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        int total = perOp * OPS.length;
        ByteBuffer buf = ByteBuffer.allocate(8 + 32 * total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(total);
        try (PrintWriter txt = new PrintWriter(args[3])) {
            for (int op : OPS) {
                boolean fmtSingle = op < 32 ? (op & 31) < 19 : op == 61;
                boolean intIn = (op & 31) >= 19 && (op & 31) <= 22 && op < 60;
                Gen g = new Gen(op < 32 || op == 61 ? Ref.S : Ref.D, seed * 1000 + op);
                Function<Gen, long[]> in = inputs(op);
                for (int i = 0; i < perOp; i++) {
                    long[] v = in.apply(g);
                    long[] r = new long[3];
                    for (int j = 0; j < 3; j++) {
                        long raw = j < v.length ? v[j] : 0;
                        r[j] = intIn ? raw : reg(g, raw, fmtSingle);
                    }
                    int rm = g.rnd.nextInt(5);
                    buf.putLong(op | ((long) rm << 8)).putLong(r[0]).putLong(r[1]).putLong(r[2]);
                    txt.printf("%s %d %016x %016x %016x%n", NAMES[op], rm, r[0], r[1], r[2]);
                }
            }
        }
        try (DataOutputStream out = new DataOutputStream(new FileOutputStream(args[2]))) {
            out.write(buf.array());
        }
    }
}
