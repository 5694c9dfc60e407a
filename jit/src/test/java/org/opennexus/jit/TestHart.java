package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.opennexus.memory.GuestRam;
import org.opennexus.memory.PhysicalBus;

/** A hart on 1 MiB of RAM at 0x80000000 with a deterministic platform, for unit tests. */
final class TestHart {
    static final long RAM_BASE = 0x8000_0000L;
    static final String[] ABI = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"
    };

    /** mtime advances only when told to; idle jumps time to the wake-up deadline. */
    static final class Platform implements HartPlatform {
        long time;
        boolean handleEcalls;
        int ecalls;
        int idles;
        long lastIdleDeadline;
        Runnable onIdle;

        @Override public long mtime() { return time; }

        @Override public boolean ecall(Hart hart) {
            ecalls++;
            return handleEcalls;
        }

        @Override public void idle(Hart hart, long wakeAtMtime) {
            idles++;
            lastIdleDeadline = wakeAtMtime;
            if (onIdle != null) onIdle.run();
            else if (wakeAtMtime != Long.MAX_VALUE && wakeAtMtime > time) time = wakeAtMtime;
        }
    }

    final GuestRam ram = new GuestRam(RAM_BASE, 1 << 20);
    final PhysicalBus bus = new PhysicalBus(ram);
    final Platform platform = new Platform();
    final Hart hart = new Hart(0, bus, platform);
    long end;

    /** Initial mtvec: an unexpected trap lands here and runToEnd reports it. */
    static final long TRAP_SINK = RAM_BASE + 0xff000;
    /** jal x0, 0: an instruction that loops on itself. */
    static final int JUMP_SELF = 0x6f;

    /** Puts a self-loop at addr (a trap vector tests can observe without further traps). */
    void park(long addr) {
        ram.storeIntAt(addr - RAM_BASE, JUMP_SELF);
    }

    /**
     * -Dnexus.test.engine=jit runs every test on the translator (translating code the first time it
     * is reached): the jit module's pom runs the whole suite once per engine.
     */
    static final boolean TRANSLATE = "jit".equals(System.getProperty("nexus.test.engine"));

    TestHart() {
        if (TRANSLATE) hart.useTranslator(new CodeCache(bus, 1));
        hart.writeCsr(Csr.MTVEC, TRAP_SINK);
        ram.storeIntAt(TRAP_SINK - RAM_BASE, JUMP_SELF);
        // Like firmware: PMP entry 0 = NAPOT over everything, RWX, so S and U may access memory.
        hart.writeCsr(Csr.PMPADDR0, -1L);
        hart.writeCsr(Csr.PMPCFG0, 0x1f);
    }

    /** Assembles source at RAM_BASE; pc = RAM_BASE; end = first byte after the code. */
    static TestHart of(String source) {
        TestHart t = new TestHart();
        byte[] code = Asm.assemble(source);
        t.ram.copyIn(RAM_BASE, code, 0, code.length);
        t.hart.pc = RAM_BASE;
        t.end = RAM_BASE + code.length;
        return t;
    }

    /** Places raw 32-bit words at RAM_BASE. */
    static TestHart ofWords(int... words) {
        TestHart t = new TestHart();
        for (int i = 0; i < words.length; i++) t.ram.storeIntAt(4L * i, words[i]);
        t.hart.pc = RAM_BASE;
        t.end = RAM_BASE + 4L * words.length;
        return t;
    }

    /** Runs one instruction at a time until pc reaches end (fails after maxSteps). */
    TestHart runToEnd(int maxSteps) {
        for (int n = 0; n < maxSteps && hart.pc != end && hart.pc != TRAP_SINK; n++) hart.run(1);
        assertEquals(end, hart.pc, "program did not reach its end, pc=0x" + Long.toHexString(hart.pc)
                + " mcause=" + hart.readCsr(Csr.MCAUSE) + " mepc=0x" + Long.toHexString(hart.readCsr(Csr.MEPC))
                + " mtval=0x" + Long.toHexString(hart.readCsr(Csr.MTVAL)));
        return this;
    }

    TestHart runToEnd() { return runToEnd(100_000); }

    long x(String abiName) {
        for (int i = 0; i < 32; i++) if (ABI[i].equals(abiName)) return hart.x[i];
        throw new IllegalArgumentException(abiName);
    }

    long csr(int number) { return hart.readCsr(number); }

}
