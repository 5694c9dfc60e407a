package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Interrupt selection, delivery, vectoring, WFI and timers (privileged spec 1.12, 3.1.9, 3.3.3; Sstc). */
class InterruptTest {
    static final long BASE = TestHart.RAM_BASE;
    static final long VEC = BASE + 0x4000;
    static final long INTERRUPT = 1L << 63;

    /** A hart spinning on "j ." at BASE. */
    private static TestHart spinning() {
        TestHart t = TestHart.ofWords(TestHart.JUMP_SELF);
        t.park(VEC);
        for (int i = 0; i < 16; i++) t.park(VEC + 4L * i);
        return t;
    }

    @Test
    void priorityOrderMeiMsiMtiSeiSsiSti() {
        TestHart t = spinning();
        Hart h = t.hart;
        h.writeCsr(Csr.MIE, Mip.ALL);
        h.writeCsr(Csr.MSTATUS, Mstatus.MIE);
        h.setInterruptPending(Mip.MEIP | Mip.MSIP | Mip.SEIP, true);
        h.setMtimecmp(0);
        h.writeCsr(Csr.MIP, Mip.SSIP | Mip.STIP);
        h.pollTimers();
        int[] expected = {Mip.IRQ_M_EXT, Mip.IRQ_M_SOFT, Mip.IRQ_M_TIMER, Mip.IRQ_S_EXT, Mip.IRQ_S_SOFT, Mip.IRQ_S_TIMER};
        for (int irq : expected) {
            assertEquals(irq, h.pendingInterrupt());
            switch (irq) {
                case Mip.IRQ_M_EXT -> h.setInterruptPending(Mip.MEIP, false);
                case Mip.IRQ_M_SOFT -> h.setInterruptPending(Mip.MSIP, false);
                case Mip.IRQ_M_TIMER -> h.setMtimecmp(-1);
                case Mip.IRQ_S_EXT -> h.setInterruptPending(Mip.SEIP, false);
                case Mip.IRQ_S_SOFT -> h.writeCsr(Csr.MIP, Mip.STIP);
                default -> h.writeCsr(Csr.MIP, 0);
            }
            h.pollTimers();
        }
        assertEquals(-1, h.pendingInterrupt());
    }

    @Test
    void machineInterruptsBeatDelegatedOnes() {
        Hart h = spinning().hart;
        h.writeCsr(Csr.MIE, Mip.ALL);
        h.writeCsr(Csr.MIDELEG, Mip.SEIP);
        h.setInterruptPending(Mip.SEIP, true);
        h.writeCsr(Csr.MIP, Mip.SSIP); // not delegated: an M-level interrupt
        h.setPrivilege(Privilege.PRV_U);
        assertEquals(Mip.IRQ_S_SOFT, h.pendingInterrupt(), "undelegated SSI is taken before delegated SEI");
    }

    @Test
    void globalEnablesDependOnPrivilege() {
        Hart h = spinning().hart;
        h.writeCsr(Csr.MIE, Mip.MSIP | Mip.SSIP);
        h.writeCsr(Csr.MIDELEG, Mip.SSIP);
        h.setInterruptPending(Mip.MSIP, true);
        assertEquals(-1, h.pendingInterrupt(), "M-mode, MIE=0");
        h.setPrivilege(Privilege.PRV_S);
        assertEquals(Mip.IRQ_M_SOFT, h.pendingInterrupt(), "below M, M interrupts ignore MIE");
        h.setInterruptPending(Mip.MSIP, false);
        h.writeCsr(Csr.MIP, Mip.SSIP);
        assertEquals(-1, h.pendingInterrupt(), "S-mode, SIE=0");
        h.writeCsr(Csr.MSTATUS, Mstatus.SIE);
        assertEquals(Mip.IRQ_S_SOFT, h.pendingInterrupt());
        h.setPrivilege(Privilege.PRV_M);
        assertEquals(-1, h.pendingInterrupt(), "delegated interrupts are never taken in M-mode");
        h.writeCsr(Csr.MSTATUS, 0);
        h.setPrivilege(Privilege.PRV_U);
        assertEquals(Mip.IRQ_S_SOFT, h.pendingInterrupt(), "below S, S interrupts ignore SIE");
        h.writeCsr(Csr.MIE, Mip.MSIP);
        assertEquals(-1, h.pendingInterrupt(), "mie masks");
    }

    @Test
    void vectoredMachineTimerInterrupt() {
        TestHart t = spinning();
        Hart h = t.hart;
        h.writeCsr(Csr.MTVEC, VEC | 1);
        h.writeCsr(Csr.MIE, Mip.MTIP);
        h.writeCsr(Csr.MSTATUS, Mstatus.MIE);
        t.platform.time = 10;
        h.setMtimecmp(5);
        h.run(1);
        assertEquals(VEC + 4 * 7, h.pc);
        assertEquals(INTERRUPT | 7, t.csr(Csr.MCAUSE));
        assertEquals(BASE, t.csr(Csr.MEPC));
        assertEquals(0, t.csr(Csr.MTVAL));
        assertEquals(Mstatus.MPIE | (3L << Mstatus.MPP_SHIFT), t.csr(Csr.MSTATUS) & (Mstatus.MIE | Mstatus.MPIE | Mstatus.MPP));
        assertEquals(Mip.MTIP, t.csr(Csr.MIP) & Mip.MTIP);
    }

    @Test
    void delegatedInterruptUsesVectoredStvec() {
        TestHart t = spinning();
        Hart h = t.hart;
        h.writeCsr(Csr.STVEC, VEC | 1);
        h.writeCsr(Csr.MIDELEG, Mip.STIP);
        h.writeCsr(Csr.MIE, Mip.STIP);
        h.writeCsr(Csr.MIP, Mip.STIP);
        h.setPrivilege(Privilege.PRV_U);
        h.run(1);
        assertEquals(VEC + 4 * 5, h.pc);
        assertEquals(Privilege.PRV_S, h.privilege());
        assertEquals(INTERRUPT | 5, t.csr(Csr.SCAUSE));
        assertEquals(BASE, t.csr(Csr.SEPC));
    }

    @Test
    void enablingInterruptsWithCsrWriteTakesThemBeforeTheNextInstruction() {
        TestHart t = TestHart.of("csrsi mstatus, 8\nli a0, 1");
        t.hart.writeCsr(Csr.MIE, Mip.MSIP);
        t.hart.setInterruptPending(Mip.MSIP, true);
        t.hart.run(2);
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(INTERRUPT | 3, t.csr(Csr.MCAUSE));
        assertEquals(BASE + 4, t.csr(Csr.MEPC));
        assertEquals(0, t.x("a0"));
    }

    @Test
    void timerInterruptArrivesWithinThePollInterval() {
        TestHart t = spinning();
        Hart h = t.hart;
        h.writeCsr(Csr.MIE, Mip.MTIP);
        h.writeCsr(Csr.MSTATUS, Mstatus.MIE);
        h.setMtimecmp(100);
        h.run(1000);
        assertEquals(BASE, h.pc, "not yet due");
        t.platform.time = 100; // no notification: only polling sees it
        h.run(Hart.TIMER_POLL_INTERVAL + 1);
        assertEquals(TestHart.TRAP_SINK, h.pc);
        assertEquals(INTERRUPT | 7, t.csr(Csr.MCAUSE));
    }

    @Test
    void wfiSleepsUntilTheTimerDeadline() {
        TestHart t = TestHart.of("wfi\nli a0, 1");
        Hart h = t.hart;
        h.writeCsr(Csr.MIE, Mip.MTIP); // locally enabled, globally off: WFI still wakes, no trap
        h.setMtimecmp(1000);
        t.runToEnd();
        assertEquals(1, t.platform.idles);
        assertEquals(1000, t.platform.lastIdleDeadline);
        assertEquals(1, t.x("a0"));
        assertEquals(Mip.MTIP, t.csr(Csr.MIP) & Mip.MTIP);
    }

    @Test
    void wfiWithoutArmedTimerPassesMaxValue() {
        TestHart t = TestHart.of("wfi");
        t.hart.writeCsr(Csr.MIE, Mip.MEIP);
        t.hart.run(1);
        assertEquals(Long.MAX_VALUE, t.platform.lastIdleDeadline);
    }

    @Test
    void wfiDoesNotSleepWhenAnInterruptIsPending() {
        TestHart t = TestHart.of("wfi\nli a0, 1");
        t.hart.writeCsr(Csr.MIE, Mip.MSIP);
        t.hart.setInterruptPending(Mip.MSIP, true);
        t.runToEnd();
        assertEquals(0, t.platform.idles);
    }

    @Test
    void wfiIsWokenByAnotherThread() throws InterruptedException {
        TestHart t = TestHart.of("wfi\nli a0, 1");
        Hart h = t.hart;
        h.writeCsr(Csr.MIE, Mip.MEIP);
        h.writeCsr(Csr.MSTATUS, Mstatus.MIE);
        t.platform.onIdle = () -> h.awaitWake(10_000_000_000L);
        Thread device = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            h.setInterruptPending(Mip.MEIP, true);
        });
        device.start();
        long start = System.nanoTime();
        h.run(2);
        device.join();
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "woken, not timed out");
        assertEquals(INTERRUPT | 11, t.csr(Csr.MCAUSE));
        assertEquals(BASE + 4, t.csr(Csr.MEPC), "interrupt taken after the WFI retired");
    }

    @Test
    void sstcDrivesStipFromStimecmp() {
        TestHart t = spinning();
        Hart h = t.hart;
        h.writeCsr(Csr.MIP, Mip.STIP);
        assertEquals(Mip.STIP, h.readCsr(Csr.MIP) & Mip.STIP, "without Sstc STIP is software's");
        h.writeCsr(Csr.MENVCFG, Csr.MENVCFG_STCE);
        h.writeCsr(Csr.STIMECMP, 500);
        t.platform.time = 499;
        h.pollTimers();
        assertEquals(0, h.readCsr(Csr.MIP) & Mip.STIP, "with Sstc STIP = mtime >= stimecmp");
        h.writeCsr(Csr.MIP, Mip.STIP);
        assertEquals(0, h.readCsr(Csr.MIP) & Mip.STIP, "not writable under Sstc");
        t.platform.time = 500;
        h.pollTimers();
        assertEquals(Mip.STIP, h.readCsr(Csr.MIP) & Mip.STIP);
        // delivered to S when delegated
        h.writeCsr(Csr.MIDELEG, Mip.STIP);
        h.writeCsr(Csr.MIE, Mip.STIP);
        h.writeCsr(Csr.STVEC, VEC);
        h.setPrivilege(Privilege.PRV_U);
        h.run(1);
        assertEquals(INTERRUPT | 5, t.csr(Csr.SCAUSE));
        // WFI deadline includes stimecmp
        TestHart w = TestHart.of("wfi");
        w.hart.writeCsr(Csr.MENVCFG, Csr.MENVCFG_STCE);
        w.hart.writeCsr(Csr.STIMECMP, 700);
        w.hart.setMtimecmp(900);
        w.hart.writeCsr(Csr.MIE, Mip.STIP | Mip.MTIP);
        w.hart.run(1);
        assertEquals(700, w.platform.lastIdleDeadline);
    }

    @Test
    void softwareInterruptPostedFromAnotherThreadCanBeClearedByTheGuest() throws InterruptedException {
        // An SBI IPI sets SSIP from another hart's thread; the S-mode handler clears it through sip.
        TestHart t = TestHart.of("1: csrr a0, sip\nbeqz a0, 1b\ncsrci sip, 2\ncsrr a1, sip");
        Hart h = t.hart;
        h.writeCsr(Csr.MIDELEG, Mip.SSIP);
        h.setPrivilege(Privilege.PRV_S);
        Thread other = new Thread(() -> h.setInterruptPending(Mip.SSIP, true));
        other.start();
        other.join();
        t.runToEnd();
        assertEquals(Mip.SSIP, t.x("a0"));
        assertEquals(0, t.x("a1"), "the guest's clear wins over the earlier post");
        assertEquals(0, h.readCsr(Csr.MIP));
    }

    @Test
    void deviceSeipIsNotLatchedByCsrrs() {
        TestHart t = TestHart.of("csrsi mip, 2\ncsrr a0, mip");
        t.hart.setInterruptPending(Mip.SEIP, true);
        t.runToEnd();
        assertEquals(Mip.SEIP | Mip.SSIP, t.x("a0"));
        t.hart.setInterruptPending(Mip.SEIP, false);
        assertEquals(Mip.SSIP, t.csr(Csr.MIP), "SEIP followed the line: CSRRS used the software bit");
    }

    @Test
    void requestStopEndsRunFromAnotherThread() throws InterruptedException {
        TestHart t = spinning();
        Thread runner = new Thread(() -> t.hart.run(Long.MAX_VALUE));
        runner.start();
        Thread.sleep(50);
        t.hart.requestStop();
        runner.join(5000);
        assertTrue(!runner.isAlive(), "run returned");
        assertTrue(t.hart.instret() > 0);
    }
}
