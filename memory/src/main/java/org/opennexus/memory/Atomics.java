package org.opennexus.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Atomic read-modify-write on naturally aligned words of the RAM segment (the "A" extension's
 * AMOs, LR/SC). The segment is page-aligned, so an aligned offset is an aligned host address and
 * the VarHandle atomic modes are real host atomics: harts on different host threads are safe.
 */
final class Atomics {
    static final VarHandle INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    static final VarHandle LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private Atomics() { }

    static long loadVolatile(MemorySegment s, long off, int size) {
        return size == 4 ? (int) INT.getVolatile(s, off) & 0xffff_ffffL : (long) LONG.getVolatile(s, off);
    }

    static boolean compareAndSet(MemorySegment s, long off, int size, long expected, long value) {
        return size == 4
                ? INT.compareAndSet(s, off, (int) expected, (int) value)
                : LONG.compareAndSet(s, off, expected, value);
    }

    /** Performs AMO op (Mmu.AMO_*) and returns the old value zero-extended. */
    static long amo(MemorySegment s, long off, int size, int op, long operand) {
        if (size == 4) {
            int v = (int) operand;
            int old = switch (op) {
                case Mmu.AMO_SWAP -> (int) INT.getAndSet(s, off, v);
                case Mmu.AMO_ADD -> (int) INT.getAndAdd(s, off, v);
                case Mmu.AMO_XOR -> (int) INT.getAndBitwiseXor(s, off, v);
                case Mmu.AMO_AND -> (int) INT.getAndBitwiseAnd(s, off, v);
                case Mmu.AMO_OR -> (int) INT.getAndBitwiseOr(s, off, v);
                default -> {
                    int cur;
                    do {
                        cur = (int) INT.getVolatile(s, off);
                    } while (!INT.compareAndSet(s, off, cur, minMax32(op, cur, v)));
                    yield cur;
                }
            };
            return old & 0xffff_ffffL;
        }
        return switch (op) {
            case Mmu.AMO_SWAP -> (long) LONG.getAndSet(s, off, operand);
            case Mmu.AMO_ADD -> (long) LONG.getAndAdd(s, off, operand);
            case Mmu.AMO_XOR -> (long) LONG.getAndBitwiseXor(s, off, operand);
            case Mmu.AMO_AND -> (long) LONG.getAndBitwiseAnd(s, off, operand);
            case Mmu.AMO_OR -> (long) LONG.getAndBitwiseOr(s, off, operand);
            default -> {
                long cur;
                do {
                    cur = (long) LONG.getVolatile(s, off);
                } while (!LONG.compareAndSet(s, off, cur, minMax64(op, cur, operand)));
                yield cur;
            }
        };
    }

    private static int minMax32(int op, int a, int b) {
        return switch (op) {
            case Mmu.AMO_MIN -> Math.min(a, b);
            case Mmu.AMO_MAX -> Math.max(a, b);
            case Mmu.AMO_MINU -> Integer.compareUnsigned(a, b) <= 0 ? a : b;
            case Mmu.AMO_MAXU -> Integer.compareUnsigned(a, b) >= 0 ? a : b;
            default -> throw new IllegalArgumentException("AMO op " + op);
        };
    }

    private static long minMax64(int op, long a, long b) {
        return switch (op) {
            case Mmu.AMO_MIN -> Math.min(a, b);
            case Mmu.AMO_MAX -> Math.max(a, b);
            case Mmu.AMO_MINU -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            case Mmu.AMO_MAXU -> Long.compareUnsigned(a, b) >= 0 ? a : b;
            default -> throw new IllegalArgumentException("AMO op " + op);
        };
    }
}
