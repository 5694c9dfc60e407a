package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opennexus.memory.Trap;

/** CSR access rules and WARL behaviour (privileged spec 1.12 chapters 2-4, Zicsr). */
class CsrTest {

    /** Runs one instruction at RAM_BASE in the given privilege; returns the hart. */
    private static TestHart one(int priv, String insn) {
        TestHart t = TestHart.of(insn);
        t.hart.setPrivilege(priv);
        t.hart.run(1);
        return t;
    }

    static boolean trappedIllegal(TestHart t) {
        return t.hart.pc == TestHart.TRAP_SINK && t.csr(Csr.MCAUSE) == Trap.ILLEGAL_INSTRUCTION;
    }

    @Test
    void misaIsRv64Acdfimsu() {
        TestHart t = one(Privilege.PRV_M, "csrr a0, misa");
        // MXL=2 in bits 63:62; A=0 C=2 D=3 F=5 I=8 M=12 S=18 U=20
        assertEquals(0x8000000000000000L | 0x14112DL, t.x("a0"));
        t.hart.writeCsr(Csr.MISA, 0);
        assertEquals(0x800000000014112DL, t.csr(Csr.MISA), "misa writes are ignored");
    }

    @Test
    void machineInformationRegisters() {
        TestHart t = TestHart.of("li a0, 9\ncsrr a0, mhartid\ncsrr a1, mvendorid\ncsrr a2, mconfigptr\ncsrr a3, marchid\ncsrr a4, mimpid");
        t.runToEnd();
        assertEquals(0, t.x("a0"));
        assertEquals(0, t.x("a1"));
        assertEquals(0, t.x("a2"));
    }

    @Test
    void writingAReadOnlyCsrIsIllegalButCsrrsWithX0IsNot() {
        TestHart t = one(Privilege.PRV_M, ".option norvc\ncsrw mhartid, a0");
        assertTrue(trappedIllegal(t));
        assertEquals(0xf1451073L, t.csr(Csr.MTVAL)); // csrrw x0, mhartid, a0
        TestHart u = one(Privilege.PRV_M, "csrrs a0, mhartid, x0");
        assertEquals(TestHart.RAM_BASE + 4, u.hart.pc);
        TestHart v = one(Privilege.PRV_M, "csrrsi a0, cycle, 0");
        assertEquals(TestHart.RAM_BASE + 4, v.hart.pc);
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "csrrsi a0, cycle, 1")));
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "csrrc a0, time, a1")), "rs1 register number decides, not its value");
    }

    @Test
    void nonExistentCsrIsIllegal() {
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "csrr a0, 0x7c0")));
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "csrw 0x7c0, a0")));
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "csrr a0, 0x3a1")), "pmpcfg1 does not exist on RV64");
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "csrr a0, 0xc80")), "cycleh is RV32-only");
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "csrr a0, 0xb01")), "there is no mtime CSR");
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "csrr a0, 0x600")), "no hypervisor");
    }

    @Test
    void lowerPrivilegeCannotTouchMachineCsrs() {
        assertTrue(trappedIllegal(one(Privilege.PRV_S, "csrr a0, mstatus")));
        assertTrue(trappedIllegal(one(Privilege.PRV_S, "csrr a0, mscratch")));
        assertTrue(trappedIllegal(one(Privilege.PRV_U, "csrr a0, sstatus")));
        TestHart t = one(Privilege.PRV_S, "csrr a0, sstatus");
        assertEquals(TestHart.RAM_BASE + 4, t.hart.pc);
    }

    @Test
    void countersFromLowerPrivilegeNeedCounteren() {
        assertTrue(trappedIllegal(one(Privilege.PRV_S, "rdcycle a0")));
        TestHart t = TestHart.of("rdcycle a0\nrdtime a1\nrdinstret a2");
        t.hart.writeCsr(Csr.MCOUNTEREN, 0b111);
        t.platform.time = 12345;
        t.hart.setPrivilege(Privilege.PRV_S);
        t.runToEnd();
        assertEquals(12345, t.x("a1"));
        // U-mode needs scounteren too
        TestHart u = TestHart.of("rdtime a1");
        u.hart.writeCsr(Csr.MCOUNTEREN, 0b111);
        u.hart.setPrivilege(Privilege.PRV_U);
        u.hart.run(1);
        assertTrue(trappedIllegal(u));
        TestHart v = TestHart.of("rdtime a1\ncsrr a2, hpmcounter3");
        v.hart.writeCsr(Csr.MCOUNTEREN, 0b1010);
        v.hart.writeCsr(Csr.SCOUNTEREN, 0b1010);
        v.hart.setPrivilege(Privilege.PRV_U);
        v.platform.time = 7;
        v.runToEnd();
        assertEquals(7, v.x("a1"));
        assertEquals(0, v.x("a2"));
        TestHart w = TestHart.of("rdcycle a1");
        w.hart.writeCsr(Csr.MCOUNTEREN, 0b1010);
        w.hart.writeCsr(Csr.SCOUNTEREN, 0b1111);
        w.hart.setPrivilege(Privilege.PRV_U);
        w.hart.run(1);
        assertTrue(trappedIllegal(w), "mcounteren.CY=0 blocks U even when scounteren.CY=1");
    }

    @Test
    void minstretWriteReplacesTheIncrement() {
        TestHart t = TestHart.of("li a0, 100\ncsrw minstret, a0\ncsrr a1, minstret\ncsrr a2, minstret\ncsrw mcycle, a0\ncsrr a3, mcycle");
        t.runToEnd();
        assertEquals(100, t.x("a1"));
        assertEquals(101, t.x("a2"));
        assertEquals(100, t.x("a3"));
    }

    @Test
    void mcountinhibitFreezesCounters() {
        TestHart t = TestHart.of("csrwi mcountinhibit, 5\ncsrr a1, minstret\nnop\nnop\ncsrr a2, minstret\ncsrr a3, mcycle\ncsrr a4, mcycle");
        t.runToEnd();
        assertEquals(t.x("a1"), t.x("a2"));
        assertEquals(t.x("a3"), t.x("a4"));
        t.hart.writeCsr(Csr.MCOUNTINHIBIT, -1);
        assertEquals(0xfffffffdL, t.csr(Csr.MCOUNTINHIBIT), "TM (bit 1) is read-only zero");
    }

    @Test
    void mstatusWarlFields() {
        Hart h = new TestHart().hart;
        assertEquals(2L << 32 | 2L << 34, h.readCsr(Csr.MSTATUS) & (Mstatus.UXL | Mstatus.SXL), "UXL=SXL=2");
        h.writeCsr(Csr.MSTATUS, 0);
        assertEquals(2L << 32 | 2L << 34, h.readCsr(Csr.MSTATUS), "UXL/SXL are read-only");
        h.writeCsr(Csr.MSTATUS, 1L << Mstatus.MPP_SHIFT);
        h.writeCsr(Csr.MSTATUS, 2L << Mstatus.MPP_SHIFT);
        assertEquals(1L << Mstatus.MPP_SHIFT, h.readCsr(Csr.MSTATUS) & Mstatus.MPP, "MPP=2 is not a mode: kept");
        h.writeCsr(Csr.MSTATUS, Mstatus.FS_DIRTY | Mstatus.MBE | Mstatus.SBE | Mstatus.UBE);
        long ms = h.readCsr(Csr.MSTATUS);
        assertEquals(Mstatus.SD | Mstatus.FS_DIRTY | Mstatus.XL64, ms, "SD follows FS; endianness bits are 0");
        assertEquals(Mstatus.SD | Mstatus.FS_DIRTY | (2L << 32), h.readCsr(Csr.SSTATUS), "sstatus view");
        h.writeCsr(Csr.SSTATUS, Mstatus.MIE | Mstatus.SIE | Mstatus.TVM | Mstatus.SUM);
        assertEquals(Mstatus.SIE | Mstatus.SUM | Mstatus.XL64, h.readCsr(Csr.MSTATUS), "sstatus writes only S fields");
    }

    @Test
    void trapSetupWarl() {
        Hart h = new TestHart().hart;
        h.writeCsr(Csr.MEDELEG, -1);
        assertEquals(0xbbffL, h.readCsr(Csr.MEDELEG));
        h.writeCsr(Csr.MIDELEG, -1);
        assertEquals(Mip.SSIP | Mip.STIP | Mip.SEIP, h.readCsr(Csr.MIDELEG));
        h.writeCsr(Csr.MIE, -1);
        assertEquals(0xaaaL, h.readCsr(Csr.MIE));
        assertEquals(0x222L, h.readCsr(Csr.SIE), "sie shows delegated bits");
        h.writeCsr(Csr.MIDELEG, Mip.STIP);
        h.writeCsr(Csr.SIE, 0);
        assertEquals(0xaaaL & ~Mip.STIP, h.readCsr(Csr.MIE), "sie writes only delegated bits");
        h.writeCsr(Csr.MTVEC, 0x80001001L);
        assertEquals(0x80001001L, h.readCsr(Csr.MTVEC));
        h.writeCsr(Csr.MTVEC, 0x80002002L);
        assertEquals(0x80001001L, h.readCsr(Csr.MTVEC), "reserved mode 2: write ignored");
        h.writeCsr(Csr.STVEC, 0x80003003L);
        assertEquals(0, h.readCsr(Csr.STVEC));
        h.writeCsr(Csr.MEPC, 0x80000003L);
        assertEquals(0x80000002L, h.readCsr(Csr.MEPC));
        h.writeCsr(Csr.SEPC, -1);
        assertEquals(-2, h.readCsr(Csr.SEPC));
        h.writeCsr(Csr.MIP, -1);
        assertEquals(Mip.SSIP | Mip.STIP | Mip.SEIP, h.readCsr(Csr.MIP), "only SSIP/STIP/SEIP are software-writable");
        h.writeCsr(Csr.MIDELEG, Mip.SSIP);
        h.writeCsr(Csr.SIP, 0);
        assertEquals(Mip.STIP | Mip.SEIP, h.readCsr(Csr.MIP), "sip clears delegated SSIP only");
        h.writeCsr(Csr.MENVCFG, -1);
        assertEquals(Csr.MENVCFG_STCE | Csr.ENVCFG_FIOM, h.readCsr(Csr.MENVCFG));
        h.writeCsr(Csr.SENVCFG, -1);
        assertEquals(Csr.ENVCFG_FIOM, h.readCsr(Csr.SENVCFG));
    }

    @Test
    void satpAcceptsOnlyBareSv39Sv48AndTvmTraps() {
        Hart h = new TestHart().hart;
        long sv39 = (8L << 60) | (5L << 44) | 0x80123L;
        h.writeCsr(Csr.SATP, sv39);
        assertEquals(sv39, h.readCsr(Csr.SATP));
        h.writeCsr(Csr.SATP, (10L << 60) | 0x1234); // Sv57 not supported
        assertEquals(sv39, h.readCsr(Csr.SATP));
        h.writeCsr(Csr.SATP, (1L << 60)); // reserved
        assertEquals(sv39, h.readCsr(Csr.SATP));
        h.writeCsr(Csr.SATP, 0);
        assertEquals(0, h.readCsr(Csr.SATP));

        TestHart t = TestHart.of("csrr a0, satp");
        t.hart.writeCsr(Csr.MSTATUS, Mstatus.TVM);
        t.hart.setPrivilege(Privilege.PRV_S);
        t.hart.run(1);
        assertTrue(trappedIllegal(t));
        TestHart m = TestHart.of("csrr a0, satp");
        m.hart.writeCsr(Csr.MSTATUS, Mstatus.TVM);
        m.hart.run(1);
        assertEquals(TestHart.RAM_BASE + 4, m.hart.pc, "TVM does not affect M-mode");
    }

    @Test
    void stimecmpNeedsStceAndTmFromSupervisor() {
        assertTrue(trappedIllegal(one(Privilege.PRV_S, "csrr a0, 0x14d")));
        TestHart t = TestHart.of("csrr a0, 0x14d");
        t.hart.writeCsr(Csr.MENVCFG, Csr.MENVCFG_STCE);
        t.hart.setPrivilege(Privilege.PRV_S);
        t.hart.run(1);
        assertTrue(trappedIllegal(t), "mcounteren.TM also needed");
        TestHart u = TestHart.of("li a1, 77\ncsrw 0x14d, a1\ncsrr a0, 0x14d");
        u.hart.writeCsr(Csr.MENVCFG, Csr.MENVCFG_STCE);
        u.hart.writeCsr(Csr.MCOUNTEREN, 2);
        u.hart.setPrivilege(Privilege.PRV_S);
        u.platform.time = 10;
        u.runToEnd();
        assertEquals(77, u.x("a0"));
    }

    @Test
    void pmpCsrsReachThePmp() {
        TestHart t = TestHart.of("li a0, 0x1f1f\ncsrw pmpcfg0, a0\ncsrr a1, pmpcfg0\nli a0, 0x12345\ncsrw pmpaddr3, a0\ncsrr a2, pmpaddr3\ncsrr a3, 0x3c4\ncsrr a4, 0x3ae");
        t.runToEnd();
        assertEquals(0x1f1f, t.x("a1"));
        assertEquals(0x1f1f, t.hart.mmu().pmp().readCfg(0));
        assertEquals(0x12345, t.x("a2"));
        assertEquals(0, t.x("a3"), "pmpaddr20 is read-only zero (16 entries)");
        assertEquals(0, t.x("a4"), "pmpcfg14 is read-only zero");
    }

    @Test
    void fpCsrsNeedFsAndDirtyIt() {
        assertTrue(trappedIllegal(one(Privilege.PRV_M, "frcsr a0")));
        TestHart t = TestHart.of("li a0, 0xff\ncsrw fcsr, a0\ncsrr a1, fflags\ncsrr a2, frm\ncsrwi frm, 2\ncsrr a3, fcsr");
        t.hart.writeCsr(Csr.MSTATUS, 1L << Mstatus.FS_SHIFT); // Initial
        t.runToEnd();
        assertEquals(0x1f, t.x("a1"));
        assertEquals(7, t.x("a2"));
        assertEquals(0x5f, t.x("a3"));
        assertEquals(Mstatus.FS_DIRTY, t.csr(Csr.MSTATUS) & Mstatus.FS);
        assertNotEquals(0, t.csr(Csr.MSTATUS) & Mstatus.SD);
    }
}
