package org.opennexus.jit.fpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The FPU is called on the hart's hot path: no operation may allocate, in any rounding mode, on
 * fast or exact slow paths (subnormals, near-overflow, RMM, specials). Measured with the JVM's
 * per-thread allocation counter over many calls (interpreted and compiled).
 */
class FpuAllocationTest {
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Operands covering specials, subnormals, thresholds, ties and ordinary values. */
    private static final long[] D = {0, Long.MIN_VALUE, 1, 0x000f_ffff_ffff_ffffL, 0x0010_0000_0000_0000L, 0x3ff0_0000_0000_0000L,
        0x3ff8_0000_0000_0001L, 0xc00f_ffff_ffff_ffffL, 0x7fef_ffff_ffff_ffffL, 0x7ff0_0000_0000_0000L, 0x7ff8_0000_0000_0000L,
        0x7ff0_0000_0000_0001L, 0x43e0_0000_0000_0000L, 0x3c90_0000_0000_0000L};
    private static final int[] S = {0, 0x8000_0000, 1, 0x007f_ffff, 0x0080_0000, 0x3f80_0000, 0x3fc0_0001, 0xc07f_ffff,
        0x7f7f_ffff, 0x7f80_0000, 0x7fc0_0000, 0x7f80_0001, 0x5f00_0000, 0x3380_0000};

    private static long sink;

    private static void round() {
        FpFlags f = new FpFlags();
        long acc = 0;
        for (int rm = 0; rm < 5; rm++) {
            for (long a : D) {
                for (long b : D) {
                    acc += Fpu.addD(a, b, rm, f) + Fpu.subD(a, b, rm, f) + Fpu.mulD(a, b, rm, f) + Fpu.divD(a, b, rm, f)
                         + Fpu.fmaddD(a, b, a, rm, f) + Fpu.fnmsubD(a, b, b, rm, f) + Fpu.minD(a, b, f) + Fpu.leD(a, b, f)
                         + Fpu.eqD(a, b, f);
                }
                acc += Fpu.sqrtD(a, rm, f) + Fpu.cvtLD(a, rm, f) + Fpu.cvtWUD(a, rm, f) + Fpu.cvtSD(a, rm, f) + Fpu.cvtDL(a, rm, f)
                     + Fpu.cvtSLU(a, rm, f) + Fpu.classD(a);
            }
            for (int a : S) {
                for (int b : S) {
                    acc += Fpu.addS(a, b, rm, f) + Fpu.mulS(a, b, rm, f) + Fpu.divS(a, b, rm, f) + Fpu.fmsubS(a, b, a, rm, f)
                         + Fpu.maxS(a, b, f) + Fpu.ltS(a, b, f);
                }
                acc += Fpu.sqrtS(a, rm, f) + Fpu.cvtWS(a, rm, f) + Fpu.cvtLUS(a, rm, f) + Fpu.cvtDS(a, rm, f) + Fpu.cvtSW(a, rm, f)
                     + Fpu.classS(a) + Fpu.unboxS(Fpu.boxS(a));
            }
        }
        sink += acc + f.fflags;
    }

    @Test
    void operationsDoNotAllocate() {
        for (int i = 0; i < 300; i++) {
            round(); // warm up: class loading, interpreter, JIT compilation
        }
        long before = allocated();
        for (int i = 0; i < 200; i++) {
            round(); // ~2 million operations
        }
        long bytes = allocated() - before - 32 * 200; // one FpFlags per round
        assertTrue(bytes < 4096, "FPU operations allocated " + bytes + " bytes");
    }
}
