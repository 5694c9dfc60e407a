package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.PhysicalBus;

/**
 * The interpreter runs straight runs of code from pre-decoded blocks; code written while they
 * are cached must still run as written, and traps inside a block stay precise. Programs run with
 * large budgets here so several instructions execute per block entry.
 */
class InterpBlocksTest {

    /**
     * A hart that always interprets (also when the suite runs with the translator engine), with
     * TestHart's trap sink and PMP set-up; the program is at RAM_BASE.
     */
    static final class Interpreted {
        final GuestRam ram = new GuestRam(TestHart.RAM_BASE, 1 << 20);
        final Hart hart = new Hart(0, new PhysicalBus(ram), new TestHart.Platform());

        Interpreted(byte[] code) {
            hart.writeCsr(Csr.MTVEC, TestHart.TRAP_SINK);
            ram.storeIntAt(TestHart.TRAP_SINK - TestHart.RAM_BASE, TestHart.JUMP_SELF);
            hart.writeCsr(Csr.PMPADDR0, -1L);
            hart.writeCsr(Csr.PMPCFG0, 0x1f);
            ram.copyIn(TestHart.RAM_BASE, code, 0, code.length);
            hart.pc = TestHart.RAM_BASE;
        }

        static Interpreted of(String source) {
            return new Interpreted(Asm.assemble(source));
        }

        long x(String abiName) {
            for (int i = 0; i < 32; i++) if (TestHart.ABI[i].equals(abiName)) return hart.x[i];
            throw new IllegalArgumentException(abiName);
        }

        long csr(int number) { return hart.readCsr(number); }
    }

    @Test
    void storeIntoTheRunningBlockIsExecutedAsWritten() {
        Interpreted t = Interpreted.of("""
                .option norvc
                la t0, target
                la t2, scratch
                lw t1, replacement
                sw t1, 0(t2)           # fills the TLB: the next store to this page takes the fast path
                li a0, 0
                sw t1, 0(t0)           # rewrites target, two instructions ahead in the same block
                target: addi a0, a0, 1
                addi a0, a0, 10
                done: j done
                replacement: addi a0, a0, 100
                scratch: .word 0
                """);
        t.hart.run(30);
        assertEquals(110, t.x("a0"));
    }

    @Test
    void storeIntoAnotherBlockIsSeenWhenItRunsAgain() {
        Interpreted t = Interpreted.of("""
                .option norvc
                la t2, scratch
                lw t1, replacement
                sw t1, 0(t2)           # fills the TLB: the next store to this page takes the fast path
                la t0, f
                li a0, 0
                li s0, 2
                loop: jal ra, f
                sw t1, 0(t0)           # rewrites f, which ran as a block already
                addi s0, s0, -1
                bnez s0, loop
                done: j done
                f: addi a0, a0, 1
                ret
                replacement: addi a0, a0, 100
                scratch: .word 0
                """);
        t.hart.run(200);
        assertEquals(101, t.x("a0"));
    }

    @Test
    void codeWrittenBehindTheHartsBackIsSeenAtTheNextRun() {
        Interpreted t = Interpreted.of("""
                .option norvc
                li a0, 0
                loop: addi a0, a0, 1
                j loop
                """);
        t.hart.run(101);
        assertEquals(50, t.x("a0"));
        // addi a0, a0, 1 -> addi a0, a0, 5, written directly into RAM (no listener, no FENCE.I)
        int addi = t.ram.loadIntAt(4);
        t.ram.storeIntAt(4, (addi & 0x000fffff) | (5 << 20));
        t.hart.run(100);
        assertEquals(50 + 5 * 50, t.x("a0"));
    }

    @Test
    void trapInsideABlockIsPrecise() {
        Interpreted t = Interpreted.of("""
                .option norvc
                li a0, 0
                li a1, 0
                addi a0, a0, 1
                addi a0, a0, 1
                faulting: ld a1, 8(zero)
                addi a0, a0, 1
                done: j done
                """);
        long before = t.hart.instret();
        t.hart.run(5);
        long faulting = TestHart.RAM_BASE + 16;
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(faulting, t.csr(Csr.MEPC));
        assertEquals(5, t.csr(Csr.MCAUSE));  // load access fault
        assertEquals(8, t.csr(Csr.MTVAL));
        assertEquals(2, t.x("a0"));
        assertEquals(4, t.hart.instret() - before);
    }

    @Test
    void budgetEndsInsideABlock() {
        Interpreted t = Interpreted.of("""
                .option norvc
                li a0, 0
                loop: addi a0, a0, 1
                addi a0, a0, 1
                addi a0, a0, 1
                j loop
                """);
        t.hart.run(3);
        assertEquals(2, t.x("a0"));
        assertEquals(TestHart.RAM_BASE + 12, t.hart.pc);
        t.hart.run(4);
        assertEquals(5, t.x("a0"));
        assertEquals(TestHart.RAM_BASE + 12, t.hart.pc);
    }

    @Test
    void budgetEndsJustBeforeTheBranchClosingABlock() {
        Interpreted t = Interpreted.of("""
                .option norvc
                li a0, 0
                li a1, 100
                loop: addi a0, a0, 1
                addi a0, a0, 1
                bne a0, a1, loop
                done: j done
                """);
        t.hart.run(4);           // li, li, addi, addi: stops before the bne
        assertEquals(2, t.x("a0"));
        assertEquals(TestHart.RAM_BASE + 16, t.hart.pc);
        t.hart.run(1);           // the bne alone
        assertEquals(TestHart.RAM_BASE + 8, t.hart.pc);
        t.hart.run(3 * 49);      // 49 more iterations
        assertEquals(100, t.x("a0"));
        assertEquals(TestHart.RAM_BASE + 20, t.hart.pc);
    }

    @Test
    void trapInFpArithmeticInsideABlockIsPrecise() {
        // mstatus.FS = Initial: fadd.d runs; after a reserved rounding mode traps, a0 counts what ran
        Interpreted t = Interpreted.of("""
                .option norvc
                li t0, 0x2000
                csrs mstatus, t0
                li a0, 0
                addi a0, a0, 1
                fadd.d fa0, fa1, fa2, rne
                addi a0, a0, 1
                faulting: .insn r 0x53, 6, 1, fa0, fa1, fa2
                addi a0, a0, 1
                done: j done
                """);
        long before = t.hart.instret();
        t.hart.run(7);           // six instructions and the trap
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(TestHart.RAM_BASE + 24, t.csr(Csr.MEPC));   // li t0 is one lui
        assertEquals(2, t.csr(Csr.MCAUSE));  // illegal instruction
        assertEquals(0x02c5e553L, t.csr(Csr.MTVAL));
        assertEquals(2, t.x("a0"));
        assertEquals(6, t.hart.instret() - before);
        assertEquals(Mstatus.FS_DIRTY, t.csr(Csr.MSTATUS) & Mstatus.FS);  // the fadd.d before it ran
    }
}
