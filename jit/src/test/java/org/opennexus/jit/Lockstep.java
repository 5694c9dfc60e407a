package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs one program on two harts side by side, the interpreter and the translator (translating
 * everything on first sight), and compares the architectural state at every boundary of the
 * translator: after each dispatch (one unit or one interpreted instruction) the interpreter runs
 * exactly as many steps, then registers, pc, privilege, trap CSRs, counters and RAM must agree.
 */
final class Lockstep {
    private static final int[] CSRS = {
        Csr.MSTATUS, Csr.MEPC, Csr.MCAUSE, Csr.MTVAL, Csr.SEPC, Csr.SCAUSE, Csr.STVAL, Csr.MINSTRET, Csr.MCYCLE, Csr.MIP
    };

    final TestHart interp;
    final TestHart jit;
    final CodeCache cache;
    long boundaries;
    /** When set, mtime = steps / 8, advanced only between boundaries so both engines see the same time. */
    boolean clock;

    Lockstep(byte[] code) {
        interp = load(code);
        jit = load(code);
        cache = new CodeCache(jit.bus, 1);
        jit.hart.useTranslator(cache);
    }

    private static TestHart load(byte[] code) {
        TestHart t = new TestHart();
        t.ram.copyIn(TestHart.RAM_BASE, code, 0, code.length);
        t.hart.pc = TestHart.RAM_BASE;
        t.end = TestHart.RAM_BASE + code.length;
        return t;
    }

    /** Runs until the translator hart reaches pc == stopPc (or maxSteps), comparing at each boundary. */
    Lockstep runTo(long stopPc, long maxSteps) {
        while (jit.hart.pc != stopPc && jit.hart.steps() < maxSteps) {
            step();
        }
        if (jit.hart.pc != stopPc) fail("did not reach 0x" + Long.toHexString(stopPc) + " in " + maxSteps + " steps: " + jit.hart);
        return this;
    }

    /** Runs until mcause (not an interrupt) equals cause. */
    Lockstep runUntilCause(int cause, long maxSteps) {
        while (jit.hart.readCsr(Csr.MCAUSE) != cause && jit.hart.steps() < maxSteps) {
            step();
        }
        if (jit.hart.readCsr(Csr.MCAUSE) != cause) fail("no trap with cause " + cause + " in " + maxSteps + " steps: " + jit.hart);
        return this;
    }

    private void step() {
        {
            if (clock) {
                long t = jit.hart.steps() / 8;
                for (TestHart th : new TestHart[] {interp, jit}) {
                    if (t > th.platform.time) th.platform.time = t;
                    th.hart.setMtimecmp(th.hart.mtimecmp());   // raise attention: timers are re-read at the boundary
                }
            }
            jit.hart.run(1);
            long behind = jit.hart.steps() - interp.hart.steps();
            if (behind > 0) interp.hart.run(behind);
            boundaries++;
            compare();
        }
    }

    void compare() {
        Hart a = interp.hart, b = jit.hart;
        String where = " at boundary " + boundaries + " (interp pc=0x" + Long.toHexString(a.pc) + ", jit pc=0x"
                + Long.toHexString(b.pc) + ", steps " + b.steps() + ")";
        assertEquals(a.steps(), b.steps(), "steps" + where);
        assertEquals(a.pc, b.pc, "pc" + where);
        assertEquals(a.privilege(), b.privilege(), "privilege" + where);
        for (int r = 0; r < 32; r++) {
            if (a.x[r] != b.x[r]) fail("x" + r + " (" + TestHart.ABI[r] + "): interp 0x" + Long.toHexString(a.x[r])
                    + " jit 0x" + Long.toHexString(b.x[r]) + where);
            if (a.f[r] != b.f[r]) fail("f" + r + " differs" + where);
        }
        for (int c : CSRS) {
            assertEquals(a.readCsr(c), b.readCsr(c), "CSR 0x" + Integer.toHexString(c) + where);
        }
    }

    /** Compares all of RAM (call at the end: it is slow). */
    void compareRam() {
        byte[] x = new byte[(int) interp.ram.size()], y = new byte[x.length];
        interp.ram.copyOut(TestHart.RAM_BASE, x, 0, x.length);
        jit.ram.copyOut(TestHart.RAM_BASE, y, 0, y.length);
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) fail("RAM differs at 0x" + Long.toHexString(TestHart.RAM_BASE + i));
        }
    }
}
