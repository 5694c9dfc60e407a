package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Loads/stores with sign extension, branches, jumps, x0 and auipc. */
class ControlFlowTest {

    @Test
    void loadsSignAndZeroExtend() {
        TestHart t = TestHart.of("""
                la t0, data
                lb a0, 0(t0)
                lbu a1, 0(t0)
                lh a2, 0(t0)
                lhu a3, 0(t0)
                lw a4, 0(t0)
                lwu a5, 0(t0)
                ld a6, 0(t0)
                j done
                .align 3
                data: .dword 0x80000000ffff8080
                done:
                """);
        t.runToEnd();
        assertEquals(-128, t.x("a0"));
        assertEquals(0x80, t.x("a1"));
        assertEquals((short) 0x8080, t.x("a2"));
        assertEquals(0x8080, t.x("a3"));
        assertEquals((int) 0xffff8080, t.x("a4"));
        assertEquals(0xffff8080L, t.x("a5"));
        assertEquals(0x80000000ffff8080L, t.x("a6"));
    }

    @Test
    void storesWriteTheirWidthOnly() {
        TestHart t = TestHart.of("""
                la t0, data
                li a0, -1
                sd a0, 0(t0)
                li a1, 0x1122334455667788
                sb a1, 0(t0)
                sh a1, 2(t0)
                sw a1, 4(t0)
                ld a2, 0(t0)
                sd a1, 8(t0)
                ld a3, 8(t0)
                j done
                .align 3
                data: .dword 0, 0
                done:
                """);
        t.runToEnd();
        assertEquals(0x55667788_7788ff88L, t.x("a2"));
        assertEquals(0x1122334455667788L, t.x("a3"));
    }

    @Test
    void x0IsHardWired() {
        TestHart t = TestHart.of("""
                li x0, 5
                addi x0, x0, 1
                add a0, x0, x0
                lui x0, 1
                """);
        t.runToEnd();
        assertEquals(0, t.hart.x[0]);
        assertEquals(0, t.x("a0"));
    }

    @Test
    void branchesCompareSignedAndUnsigned() {
        TestHart t = TestHart.of("""
                li a0, -1
                li a1, 1
                li s0, 0
                blt a0, a1, 1f
                ori s0, s0, 1
                1: bltu a0, a1, 2f
                ori s0, s0, 2
                2: bge a1, a0, 3f
                ori s0, s0, 4
                3: bgeu a1, a0, 4f
                ori s0, s0, 8
                4: beq a0, a0, 5f
                ori s0, s0, 16
                5: bne a0, a0, 6f
                ori s0, s0, 32
                6:
                """);
        t.runToEnd();
        // taken: blt, bge, beq; not taken: bltu (sets 2), bgeu (sets 8), bne (sets 32)
        assertEquals(2 | 8 | 32, t.x("s0"));
    }

    @Test
    void jalAndJalrLinkAndClearBitZero() {
        TestHart t = TestHart.of("""
                .option norvc
                jal ra, 1f
                1: la t0, 2f
                addi t0, t0, 1
                jalr t1, 0(t0)
                nop
                2: auipc a0, 0
                la a1, 2b
                """);
        t.runToEnd();
        long base = TestHart.RAM_BASE;
        assertEquals(base + 4, t.x("ra"));
        long target = t.x("a1");
        assertEquals(target, t.x("a0"));       // auipc at the jalr target (odd address with bit 0 cleared)
        assertEquals(target - 4, t.x("t1"));    // link = jalr pc + 4
    }

    @Test
    void instretCountsRetiredInstructions() {
        TestHart t = TestHart.of("""
                li a0, 10
                1: addi a0, a0, -1
                bnez a0, 1b
                csrr a1, minstret
                csrr a2, mcycle
                rdinstret a3
                """);
        t.runToEnd();
        assertEquals(1 + 20, t.x("a1"));  // a CSR read sees the count before its own instruction
        assertEquals(22, t.x("a2"));
        assertEquals(23, t.x("a3"));
    }
}
