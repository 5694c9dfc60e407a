package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Hand-written programs run in lockstep on the interpreter and the translator. */
class TranslatorTest {

    private static Lockstep lockstep(String source) {
        return new Lockstep(Asm.assemble(source));
    }

    @Test
    void loopStaysInsideOneUnitAndCountsEveryInstruction() {
        Lockstep l = lockstep("""
                li t0, 0
                li t1, 1000
            1:  add t0, t0, t1
                addi t1, t1, -1
                bnez t1, 1b
                ebreak
                """);
        l.runUntilCause(org.opennexus.memory.Trap.BREAKPOINT, 100_000);
        assertEquals(500500, l.jit.hart.x[5]);
        assertEquals(2 + 3 * 1000, l.jit.hart.readCsr(Csr.MINSTRET), "li, li, 1000 x (add, addi, bnez); ebreak does not retire");
        assertTrue(l.cache.translations() >= 1);
    }

    @Test
    void aHotLoopRunsInsideOneUnitUntilItsBudgetIsUsed() {
        TestHart t = TestHart.of("""
                li t1, 100000
            1:  addi t1, t1, -1
                bnez t1, 1b
                ebreak
                """);
        t.hart.useTranslator(new CodeCache(t.bus, 1));
        t.hart.run(2 + 2 * 100000 + 1);   // li (lui + addiw), the loop, and the ebreak that traps
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(org.opennexus.memory.Trap.BREAKPOINT, t.hart.readCsr(Csr.MCAUSE));
        assertEquals(2 + 2 * 100000, t.hart.readCsr(Csr.MINSTRET));
        // units leave at loop back-edges only when the 4096-step timer poll interval is used up:
        // about 200000/4096 entries, not one per iteration
        assertTrue(t.hart.unitEntries() < 100, "unit entries " + t.hart.unitEntries());
    }
}
