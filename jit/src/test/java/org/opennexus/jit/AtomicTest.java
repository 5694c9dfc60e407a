package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opennexus.memory.Trap;

/** A extension: LR/SC pairing, AMO results (sign-extended for .W) and memory effects. */
class AtomicTest {

    @Test
    void lrScSucceedsOnceAndFailsWithoutReservation() {
        TestHart t = TestHart.of("""
                la t0, data
                li a1, 5
                lr.w a0, (t0)
                sc.w a2, a1, (t0)
                lw a3, 0(t0)
                sc.w a4, a1, (t0)
                li a1, -9
                addi t3, t0, 8
                lr.d.aqrl a5, (t3)
                addi t3, t0, 8
                sc.d.rl a6, a1, (t3)
                ld a7, 8(t0)
                addi t3, t0, 8
                lr.d s1, (t3)
                addi t3, t0, 16
                sc.d s2, a1, (t3)
                ld s3, 16(t0)
                j done
                .align 3
                data: .word 0x80000000, 0
                .dword 0x1234, 77
                done:
                """);
        t.runToEnd();
        assertEquals(0xffffffff80000000L, t.x("a0"), "lr.w sign-extends");
        assertEquals(0, t.x("a2"), "sc.w after lr.w succeeds");
        assertEquals(5, t.x("a3"));
        assertEquals(1, t.x("a4"), "second sc.w has no reservation");
        assertEquals(0x1234, t.x("a5"));
        assertEquals(0, t.x("a6"));
        assertEquals(-9, t.x("a7"));
        assertEquals(1, t.x("s2"), "sc.d to another address fails");
        assertEquals(77, t.x("s3"), "failed sc.d does not write");
    }

    @Test
    void amoWordOperationsSignExtendAndUpdateMemory() {
        TestHart t = TestHart.of("""
                la t0, data
                li a1, 1
                amoadd.w a0, a1, (t0)
                lw s0, 0(t0)
                addi t3, t0, 4
                amomin.w a2, a1, (t3)
                lw s1, 4(t0)
                addi t3, t0, 8
                amominu.w a3, a1, (t3)
                lw s2, 8(t0)
                addi t3, t0, 12
                amomax.w a4, a1, (t3)
                lw s3, 12(t0)
                addi t3, t0, 16
                amomaxu.w a5, a1, (t3)
                lw s4, 16(t0)
                li a1, 0x0ff0
                addi t3, t0, 20
                amoxor.w a6, a1, (t3)
                lw s5, 20(t0)
                addi t3, t0, 24
                amoand.w a7, a1, (t3)
                lw s6, 24(t0)
                addi t3, t0, 28
                amoor.w t1, a1, (t3)
                lw s7, 28(t0)
                addi t3, t0, 32
                amoswap.w t2, a1, (t3)
                lw s8, 32(t0)
                j done
                .align 3
                data: .word 0x80000000, 0x80000000, 0x80000000, 0x80000000, 0x80000000
                .word 0x0f0f, 0x0f0f, 0x0f0f, -2
                done:
                """);
        t.runToEnd();
        long min32 = 0xffffffff80000000L;
        assertEquals(min32, t.x("a0"));
        assertEquals(0xffffffff80000001L, t.x("s0"));
        assertEquals(min32, t.x("a2"));
        assertEquals(min32, t.x("s1"), "signed min keeps the negative value");
        assertEquals(min32, t.x("a3"));
        assertEquals(1, t.x("s2"), "unsigned min takes 1");
        assertEquals(1, t.x("s3"), "signed max takes 1");
        assertEquals(min32, t.x("s4"), "unsigned max keeps 0x80000000");
        assertEquals(0x0f0f, t.x("a6"));
        assertEquals(0x0fff & ~0x0f0f | (0x0f0f & ~0x0ff0), t.x("s5"));
        assertEquals(0x0f0f & 0x0ff0, t.x("s6"));
        assertEquals(0x0f0f | 0x0ff0, t.x("s7"));
        assertEquals(-2, t.x("t2"));
        assertEquals(0x0ff0, t.x("s8"));
    }

    @Test
    void amoDoublewordOperations() {
        TestHart t = TestHart.of("""
                la t0, data
                li a1, -1
                amoadd.d a0, a1, (t0)
                ld s0, 0(t0)
                addi t3, t0, 8
                amominu.d a2, a1, (t3)
                ld s1, 8(t0)
                addi t3, t0, 16
                amomax.d a3, a1, (t3)
                ld s2, 16(t0)
                addi t3, t0, 24
                amoswap.d.aq a4, a1, (t3)
                ld s3, 24(t0)
                j done
                .align 3
                data: .dword 0x100000000, 0x8000000000000000, -5, 42
                done:
                """);
        t.runToEnd();
        assertEquals(0x100000000L, t.x("a0"));
        assertEquals(0xffffffffL, t.x("s0"));
        assertEquals(0x8000000000000000L, t.x("s1"));
        assertEquals(-5, t.x("a3"));
        assertEquals(-1, t.x("s2"));
        assertEquals(42, t.x("a4"));
        assertEquals(-1, t.x("s3"));
    }

    @Test
    void misalignedAmoRaisesStoreAddressMisaligned() {
        TestHart t = TestHart.of("""
                la t0, data
                addi t3, t0, 2
                amoadd.w a0, a1, (t3)
                .align 3
                data: .dword 0
                """);
        t.hart.run(4);
        assertEquals(Trap.STORE_ADDRESS_MISALIGNED, t.csr(Csr.MCAUSE));
        assertEquals(t.x("t3"), t.csr(Csr.MTVAL));
    }

    @Test
    void lrWithNonZeroRs2IsIllegal() {
        // lr.w a0, (t0) with rs2 field = 1: 0b00010_0_0_00001_00101_010_01010_0101111
        int insn = (0x02 << 27) | (1 << 20) | (5 << 15) | (2 << 12) | (10 << 7) | 0x2f;
        TestHart t = TestHart.ofWords(insn);
        t.hart.run(1);
        assertEquals(Trap.ILLEGAL_INSTRUCTION, t.csr(Csr.MCAUSE));
        assertEquals(insn & 0xffffffffL, t.csr(Csr.MTVAL));
    }
}
