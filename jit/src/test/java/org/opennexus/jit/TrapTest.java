package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opennexus.memory.Trap;

/** Synchronous traps, delegation and xRET (privileged spec 1.12, 3.1.6.1, 3.1.8, 3.3, 4.1.1). */
class TrapTest {
    static final long BASE = TestHart.RAM_BASE;
    static final long STVEC = BASE + 0x8000;

    @Test
    void ecallFromMachineTrapsToMachineAndDoesNotRetire() {
        TestHart t = TestHart.of("ecall");
        t.hart.writeCsr(Csr.MSTATUS, Mstatus.MIE);
        t.hart.run(1);
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(Trap.ECALL_FROM_M, t.csr(Csr.MCAUSE));
        assertEquals(BASE, t.csr(Csr.MEPC));
        assertEquals(0, t.csr(Csr.MTVAL));
        assertEquals(0, t.hart.instret());
        long ms = t.csr(Csr.MSTATUS);
        assertEquals(Mstatus.MPIE | (3L << Mstatus.MPP_SHIFT), ms & (Mstatus.MPIE | Mstatus.MIE | Mstatus.MPP));
        assertEquals(1, t.platform.ecalls, "platform asked first");
    }

    @Test
    void platformHandledEcallJustAdvances() {
        TestHart t = TestHart.of("ecall\nli a0, 3");
        t.platform.handleEcalls = true;
        t.runToEnd();
        assertEquals(3, t.x("a0"));
        assertEquals(0, t.csr(Csr.MCAUSE));
    }

    @Test
    void ecallFromUserDelegatedToSupervisor() {
        TestHart t = TestHart.of("ecall");
        t.park(STVEC);
        t.hart.writeCsr(Csr.MEDELEG, 1 << Trap.ECALL_FROM_U);
        t.hart.writeCsr(Csr.STVEC, STVEC | 1); // vectored: exceptions still go to BASE
        t.hart.writeCsr(Csr.MSTATUS, Mstatus.SIE | Mstatus.SPP);
        t.hart.setPrivilege(Privilege.PRV_U);
        t.hart.run(1);
        assertEquals(STVEC, t.hart.pc);
        assertEquals(Privilege.PRV_S, t.hart.privilege());
        assertEquals(Trap.ECALL_FROM_U, t.csr(Csr.SCAUSE));
        assertEquals(BASE, t.csr(Csr.SEPC));
        assertEquals(0, t.csr(Csr.MCAUSE));
        long ms = t.csr(Csr.MSTATUS);
        assertEquals(Mstatus.SPIE, ms & (Mstatus.SPIE | Mstatus.SIE | Mstatus.SPP), "SPIE=old SIE, SIE=0, SPP=U");
    }

    @Test
    void ecallFromSupervisorNotDelegatedGoesToMachine() {
        TestHart t = TestHart.of("ecall");
        t.hart.writeCsr(Csr.MEDELEG, 1 << Trap.ECALL_FROM_U);
        t.hart.setPrivilege(Privilege.PRV_S);
        t.hart.run(1);
        assertEquals(Trap.ECALL_FROM_S, t.csr(Csr.MCAUSE));
        assertEquals(1L << Mstatus.MPP_SHIFT, t.csr(Csr.MSTATUS) & Mstatus.MPP);
        assertEquals(Privilege.PRV_M, t.hart.privilege());
    }

    @Test
    void machineModeExceptionsAreNeverDelegated() {
        TestHart t = TestHart.of("ebreak");
        t.hart.writeCsr(Csr.MEDELEG, -1);
        t.hart.writeCsr(Csr.STVEC, STVEC);
        t.hart.run(1);
        assertEquals(TestHart.TRAP_SINK, t.hart.pc);
        assertEquals(Trap.BREAKPOINT, t.csr(Csr.MCAUSE));
        assertEquals(0, t.csr(Csr.MTVAL), "breakpoint tval = 0 (QEMU 7.2)");
    }

    @Test
    void compressedEbreak() {
        TestHart t = TestHart.of(".option rvc\nc.nop\nc.ebreak");
        t.hart.run(2);
        assertEquals(Trap.BREAKPOINT, t.csr(Csr.MCAUSE));
        assertEquals(BASE + 2, t.csr(Csr.MEPC));
    }

    @Test
    void mretRestoresAndClearsMprvWhenLeavingMachine() {
        TestHart t = TestHart.of("la t0, 1f\ncsrw mepc, t0\nmret\nnop\n1: li a0, 1");
        t.hart.writeCsr(Csr.MSTATUS, Mstatus.MPIE | Mstatus.MPRV | (1L << Mstatus.MPP_SHIFT));
        t.runToEnd();
        assertEquals(1, t.x("a0"));
        assertEquals(Privilege.PRV_S, t.hart.privilege());
        long ms = t.csr(Csr.MSTATUS);
        assertEquals(Mstatus.MIE | Mstatus.MPIE, ms & (Mstatus.MIE | Mstatus.MPIE | Mstatus.MPP | Mstatus.MPRV));
    }

    @Test
    void mretToMachineKeepsMprv() {
        TestHart t = TestHart.of("la t0, 1f\ncsrw mepc, t0\nmret\nnop\n1: li a0, 1");
        t.hart.writeCsr(Csr.MSTATUS, Mstatus.MPRV | (3L << Mstatus.MPP_SHIFT));
        t.runToEnd();
        assertEquals(Privilege.PRV_M, t.hart.privilege());
        assertEquals(Mstatus.MPRV | Mstatus.MPIE, t.csr(Csr.MSTATUS) & (Mstatus.MPRV | Mstatus.MPIE | Mstatus.MIE | Mstatus.MPP));
    }

    @Test
    void sretReturnsToSppAndClearsMprv() {
        TestHart t = TestHart.of("la t0, 1f\ncsrw sepc, t0\nsret\nnop\n1: li a0, 1");
        t.hart.writeCsr(Csr.MSTATUS, Mstatus.SIE | Mstatus.MPRV);
        t.runToEnd(); // from M: allowed; SPP=0 -> U
        assertEquals(Privilege.PRV_U, t.hart.privilege());
        assertEquals(Mstatus.SPIE, t.csr(Csr.MSTATUS) & (Mstatus.SIE | Mstatus.SPIE | Mstatus.SPP | Mstatus.MPRV));
    }

    @Test
    void xretPrivilegeRules() {
        assertTrue(CsrTest.trappedIllegal(runAt(Privilege.PRV_S, "mret", 0)));
        assertTrue(CsrTest.trappedIllegal(runAt(Privilege.PRV_U, "sret", 0)));
        assertTrue(CsrTest.trappedIllegal(runAt(Privilege.PRV_S, "sret", Mstatus.TSR)));
        TestHart ok = runAt(Privilege.PRV_S, "sret", Mstatus.SPP);
        assertEquals(Privilege.PRV_S, ok.hart.privilege());
    }

    @Test
    void wfiAndSfencePrivilegeRules() {
        assertTrue(CsrTest.trappedIllegal(runAt(Privilege.PRV_U, "wfi", 0)));
        assertTrue(CsrTest.trappedIllegal(runAt(Privilege.PRV_S, "wfi", Mstatus.TW)));
        assertTrue(CsrTest.trappedIllegal(runAt(Privilege.PRV_U, "sfence.vma", 0)));
        assertTrue(CsrTest.trappedIllegal(runAt(Privilege.PRV_S, "sfence.vma a0, a1", Mstatus.TVM)));
        assertEquals(BASE + 4, runAt(Privilege.PRV_S, "sfence.vma a0, a1", 0).hart.pc);
        assertEquals(BASE + 4, runAt(Privilege.PRV_M, "sfence.vma", Mstatus.TVM).hart.pc);
        assertEquals(BASE + 4, runAt(Privilege.PRV_M, "wfi", Mstatus.TW).hart.pc);
    }

    private static TestHart runAt(int priv, String insn, long mstatus) {
        TestHart t = TestHart.of(".option norvc\n" + insn);
        t.hart.writeCsr(Csr.MSTATUS, mstatus);
        t.hart.setPrivilege(priv);
        t.platform.onIdle = () -> { };
        t.hart.run(1);
        return t;
    }

    /** Reserved/unimplemented 32-bit encodings: illegal instruction with mtval = the word. */
    @ParameterizedTest
    @ValueSource(ints = {
        0xffffffff,               // all ones
        0x0200101b,               // slliw with shamt[5]=1
        0x0000200f,               // MISC-MEM funct3=2 (cbo.*: Zicbom not implemented)
        0x000000f3,               // ecall with rd != 0
        0x00004073,               // SYSTEM funct3=4
        0x02000033 | (2 << 25),   // OP funct7=0x03
        0x0000703b,               // OP-32 funct3=7
        0x00007003,               // LOAD funct3=7
        0x00004023,               // STORE funct3=4
        0x00002063,               // BRANCH funct3=2
        0x00001067,               // JALR funct3=1
        0x0000402f,               // AMO funct3=4
        0x6000101b | (3 << 20),   // OP-IMM-32 funct12=0x603 (no such count op)
        0x0000000b,               // custom-0
        0x10300073,               // SYSTEM funct12=0x103 (not an instruction)
    })
    void illegalEncodingsReportTheWord(int insn) {
        TestHart t = TestHart.ofWords(insn);
        t.hart.run(1);
        assertTrue(CsrTest.trappedIllegal(t), Integer.toHexString(insn));
        assertEquals(insn & 0xffffffffL, t.csr(Csr.MTVAL));
        assertEquals(BASE, t.csr(Csr.MEPC));
    }

    @Test
    void delegatedIllegalInstructionFromSupervisorKeepsSppAndWritesStval() {
        TestHart t = TestHart.ofWords(0xffffffff);
        t.park(STVEC);
        t.hart.writeCsr(Csr.MEDELEG, 1 << Trap.ILLEGAL_INSTRUCTION);
        t.hart.writeCsr(Csr.STVEC, STVEC);
        t.hart.setPrivilege(Privilege.PRV_S);
        t.hart.run(1);
        assertEquals(STVEC, t.hart.pc);
        assertEquals(Trap.ILLEGAL_INSTRUCTION, t.csr(Csr.SCAUSE));
        assertEquals(0xffffffffL, t.csr(Csr.STVAL));
        assertEquals(Mstatus.SPP, t.csr(Csr.MSTATUS) & Mstatus.SPP, "SPP = S");
        assertEquals(0, t.csr(Csr.MTVAL));
    }

    @Test
    void trapHandlerRoundTripWithMretAndMscratch() {
        // An M-mode handler that skips the faulting ecall and counts traps in mscratch.
        TestHart t = TestHart.of("""
                la t0, handler
                csrw mtvec, t0
                ecall
                ecall
                li a1, 7
                j done
                handler:
                csrr t1, mepc
                addi t1, t1, 4
                csrw mepc, t1
                csrr t2, mscratch
                addi t2, t2, 1
                csrw mscratch, t2
                mret
                done:
                """);
        t.runToEnd();
        assertEquals(7, t.x("a1"));
        assertEquals(2, t.csr(Csr.MSCRATCH));
        assertEquals(Trap.ECALL_FROM_M, t.csr(Csr.MCAUSE));
    }

    @Test
    void setPrivilegeRejectsReservedLevel() {
        Hart h = new TestHart().hart;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> h.setPrivilege(2));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> h.readCsr(0x7c0));
    }

    @Test
    void fetchFaultOutsideMemory() {
        TestHart t = TestHart.of("li t0, 0x1000\njr t0");
        t.hart.run(3);
        assertEquals(Trap.INSTRUCTION_ACCESS_FAULT, t.csr(Csr.MCAUSE));
        assertEquals(0x1000, t.csr(Csr.MEPC));
        assertEquals(0x1000, t.csr(Csr.MTVAL));
    }
}
