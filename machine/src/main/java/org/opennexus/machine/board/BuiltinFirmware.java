package org.opennexus.machine.board;

import org.opennexus.jit.Csr;
import org.opennexus.jit.Hart;
import org.opennexus.jit.Mip;
import org.opennexus.jit.Privilege;
import org.opennexus.machine.VirtMemoryMap;
import org.opennexus.machine.boot.BootPlan;
import org.opennexus.machine.boot.ResetRom;

/**
 * The M-mode state OpenSBI 1.1 leaves behind before it enters the kernel (lib/sbi/sbi_hart.c
 * {@code mstatus_init}, {@code delegate_traps}, {@code pmp_init}), set directly on each hart for
 * {@code --bios builtin}; the SBI itself runs in Java on ECALL. Hart 0 then starts in S-mode at the
 * kernel entry with a0 = 0, a1 = DTB; the others wait for HSM hart_start.
 */
final class BuiltinFirmware {
    /**
     * Exceptions delegated to S-mode. OpenSBI delegates instruction-misaligned, breakpoint, U-mode
     * ECALL and the three page faults in hardware and redirects every other exception it does not
     * emulate to S-mode in software; with no M-mode code here, all of those are delegated
     * (bits 0-8, 12, 13, 15). ECALL from S (9) is served by the SBI before any trap.
     */
    static final long MEDELEG = 0x1ffL | (1L << 12) | (1L << 13) | (1L << 15);
    static final long MIDELEG = Mip.S_INTERRUPTS;
    /** mcounteren: CY, TM, IR readable from S-mode. */
    static final long MCOUNTEREN = 0x7;
    /** menvcfg.STCE (bit 63): Sstc's stimecmp is available to S-mode. */
    static final long MENVCFG_STCE = 1L << 63;
    /** mstatus.FS = Dirty (bits 14:13), as OpenSBI's mstatus_init writes MSTATUS_FS. */
    static final long MSTATUS_FS = 3L << 13;
    /** PMP entry 0: NAPOT over the whole address space, R/W/X (privileged spec 3.7.1). */
    static final long PMPCFG0 = 0x1f;
    static final long PMPADDR0_ALL = -1L >>> 10;

    private BuiltinFirmware() { }

    static void setUp(Hart[] harts, BootPlan plan) {
        for (Hart h : harts) {
            h.writeCsr(Csr.MEDELEG, MEDELEG);
            h.writeCsr(Csr.MIDELEG, MIDELEG);
            h.writeCsr(Csr.MCOUNTEREN, MCOUNTEREN);
            h.writeCsr(Csr.MENVCFG, h.readCsr(Csr.MENVCFG) | MENVCFG_STCE);
            h.writeCsr(Csr.MSTATUS, h.readCsr(Csr.MSTATUS) | MSTATUS_FS);
            h.writeCsr(Csr.PMPADDR0, PMPADDR0_ALL);
            h.writeCsr(Csr.PMPCFG0, PMPCFG0);
            h.writeCsr(Csr.MIE, 0);
            h.writeCsr(Csr.MTVEC, VirtMemoryMap.MROM_BASE + ResetRom.TRAP_STUB_OFFSET);
            h.writeCsr(Csr.STIMECMP, -1L);
            h.x[10] = h.hartId;
            h.x[11] = plan.fdtAddress();
        }
        Hart boot = harts[0];
        boot.setPrivilege(Privilege.PRV_S);
        boot.pc = plan.kernelEntry();
    }
}
