package org.opennexus.jit;

import org.opennexus.jit.fpu.FpFlags;
import org.opennexus.memory.Pmp;
import org.opennexus.memory.Trap;

/**
 * The hart's CSRs (privileged spec 1.12, chapters 2-4; Sstc; unprivileged spec "Zicsr",
 * "Counters" and "F" chapters). {@link #read}/{@link #write} implement each CSR's WARL rules;
 * {@link #checkAccess} adds the rules a CSR instruction must pass (privilege, read-only, FS,
 * counter enables, TVM, Sstc), raising an illegal-instruction trap.
 */
final class CsrFile {
    /** misa: MXL=2 (RV64), extensions A C D F I M S U. Writes are ignored (WARL, 3.1.1). */
    static final long MISA = (2L << 62) | ext('A') | ext('C') | ext('D') | ext('F') | ext('I') | ext('M')
            | ext('S') | ext('U');

    /** medeleg bits that can be set: every exception that can occur without H (QEMU delegable_excps minus H causes). */
    static final long MEDELEG_WRITABLE = (1L << 0) | (1L << 1) | (1L << 2) | (1L << 3) | (1L << 4) | (1L << 5)
            | (1L << 6) | (1L << 7) | (1L << 8) | (1L << 9) | (1L << 11) | (1L << 12) | (1L << 13) | (1L << 15);
    static final long MIE_WRITABLE = Mip.ALL;
    static final long MENVCFG_WRITABLE = Csr.ENVCFG_FIOM | Csr.MENVCFG_STCE;
    static final long SENVCFG_WRITABLE = Csr.ENVCFG_FIOM;
    /** mcountinhibit: CY, IR and HPM3-31; bit 1 (TM) is read-only zero (3.1.13). */
    static final long MCOUNTINHIBIT_WRITABLE = 0xffff_fffdL;
    static final long INHIBIT_CY = 1, INHIBIT_IR = 4;

    private static long ext(char c) { return 1L << (c - 'A'); }

    private final Hart hart;
    final FpFlags fpFlags = new FpFlags();

    long mstatus = Mstatus.XL64;
    long medeleg, mideleg, mie;
    long mtvec, stvec;
    long mscratch, sscratch, mepc, sepc, mcause, scause, mtval, stval;
    long satp;
    long menvcfg, senvcfg;
    long mcounteren, scounteren, mcountinhibit;
    long stimecmp = -1L;
    int frm;

    /** mcycle = steps() + cycleOffset, minstret = retired + instretOffset (while not inhibited). */
    private long cycleOffset, instretOffset, frozenCycle, frozenInstret;

    CsrFile(Hart hart) {
        this.hart = hart;
    }

    boolean stce() { return menvcfg < 0; }

    boolean fsOff() { return (mstatus & Mstatus.FS) == 0; }

    /** Any write to FP state (f registers, fflags, frm) marks FS dirty (3.1.6.6). */
    void markFsDirty() {
        // a store only when FS changes: hot FP loops then only read mstatus, and HotSpot hoists the read
        if ((mstatus & Mstatus.FS_DIRTY) != Mstatus.FS_DIRTY) mstatus |= Mstatus.FS_DIRTY;
    }

    /** mstatus update by trap entry/xRET: no WARL filtering needed. */
    void setMstatusRaw(long value) {
        mstatus = value;
        hart.mmu().setMstatus(value);
        hart.requestAttention();
    }

    /**
     * Raises illegal instruction unless the current privilege may access this CSR this way (2.1,
     * 3.1.11, 3.1.6.5 TVM, Sstc, 3.1.6.6 FS).
     */
    void checkAccess(int csr, boolean write, int insn) {
        int priv = hart.priv;
        if (priv < ((csr >>> 8) & 3) || (write && (csr >>> 10) == 3)) throw illegal(insn);
        switch (csr) {
            case Csr.FFLAGS, Csr.FRM, Csr.FCSR -> { if (fsOff()) throw illegal(insn); }
            case Csr.SATP -> { if (priv == Privilege.PRV_S && (mstatus & Mstatus.TVM) != 0) throw illegal(insn); }
            case Csr.STIMECMP -> {
                if (priv < Privilege.PRV_M && (!stce() || (mcounteren & 2) == 0)) throw illegal(insn);
            }
            default -> {
                if (csr >= Csr.CYCLE && csr <= Csr.HPMCOUNTER31 && priv < Privilege.PRV_M) {
                    long bit = 1L << (csr - Csr.CYCLE);
                    if ((mcounteren & bit) == 0) throw illegal(insn);
                    if (priv == Privilege.PRV_U && (scounteren & bit) == 0) throw illegal(insn);
                }
            }
        }
    }

    static Trap illegal(int insn) {
        return new Trap(Trap.ILLEGAL_INSTRUCTION, insn & 0xffff_ffffL);
    }

    private static Trap noSuchCsr() {
        return new Trap(Trap.ILLEGAL_INSTRUCTION, 0);
    }

    long read(int csr) {
        switch (csr) {
            case Csr.FFLAGS: return fpFlags.fflags & 0x1f;
            case Csr.FRM: return frm;
            case Csr.FCSR: return (frm << 5) | (fpFlags.fflags & 0x1f);
            case Csr.CYCLE, Csr.MCYCLE: return mcycle();
            case Csr.INSTRET, Csr.MINSTRET: return minstret();
            case Csr.TIME: return hart.platform.mtime();
            case Csr.SSTATUS: return readMstatus() & Mstatus.S_READABLE;
            case Csr.SIE: return mie & mideleg;
            case Csr.STVEC: return stvec;
            case Csr.SCOUNTEREN: return scounteren;
            case Csr.SENVCFG: return senvcfg;
            case Csr.SSCRATCH: return sscratch;
            case Csr.SEPC: return sepc;
            case Csr.SCAUSE: return scause;
            case Csr.STVAL: return stval;
            case Csr.SIP: return hart.mip() & mideleg;
            case Csr.STIMECMP: return stimecmp;
            case Csr.SATP: return satp;
            case Csr.MVENDORID, Csr.MARCHID, Csr.MIMPID, Csr.MCONFIGPTR: return 0;
            case Csr.MHARTID: return hart.hartId;
            case Csr.MSTATUS: return readMstatus();
            case Csr.MISA: return MISA;
            case Csr.MEDELEG: return medeleg;
            case Csr.MIDELEG: return mideleg;
            case Csr.MIE: return mie;
            case Csr.MTVEC: return mtvec;
            case Csr.MCOUNTEREN: return mcounteren;
            case Csr.MENVCFG: return menvcfg;
            case Csr.MCOUNTINHIBIT: return mcountinhibit;
            case Csr.MSCRATCH: return mscratch;
            case Csr.MEPC: return mepc;
            case Csr.MCAUSE: return mcause;
            case Csr.MTVAL: return mtval;
            case Csr.MIP: return hart.mip();
            default:
                if (csr >= Csr.HPMCOUNTER3 && csr <= Csr.HPMCOUNTER31) return 0;
                if (csr >= Csr.MHPMCOUNTER3 && csr <= Csr.MHPMCOUNTER31) return 0;
                if (csr >= Csr.MHPMEVENT3 && csr <= Csr.MHPMEVENT31) return 0;
                if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15) {
                    int idx = csr - Csr.PMPCFG0;
                    if ((idx & 1) != 0) throw noSuchCsr(); // RV64: odd pmpcfg do not exist (3.7.1)
                    return idx < Pmp.ENTRIES / 4 ? hart.mmu().pmp().readCfg(idx) : 0;
                }
                if (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63) {
                    int idx = csr - Csr.PMPADDR0;
                    return idx < Pmp.ENTRIES ? hart.mmu().pmp().readAddr(idx) : 0;
                }
                throw noSuchCsr();
        }
    }

    /**
     * Writes a CSR with its WARL rules. {@code byInstruction}: the write comes from a CSR
     * instruction that will itself retire, so counters written are pre-compensated (the write
     * happens instead of the increment, unprivileged spec "Zicntr" / priv 3.1.11).
     */
    void write(int csr, long v, boolean byInstruction) {
        switch (csr) {
            case Csr.FFLAGS -> { fpFlags.fflags = (int) v & 0x1f; markFsDirty(); }
            case Csr.FRM -> { frm = (int) v & 7; markFsDirty(); }
            case Csr.FCSR -> { fpFlags.fflags = (int) v & 0x1f; frm = (int) (v >>> 5) & 7; markFsDirty(); }
            case Csr.MCYCLE -> writeMcycle(v, byInstruction ? 1 : 0);
            case Csr.MINSTRET -> writeMinstret(v, byInstruction ? 1 : 0);
            case Csr.SSTATUS -> writeMstatus((mstatus & ~Mstatus.S_WRITABLE) | (v & Mstatus.S_WRITABLE));
            case Csr.SIE -> {
                long mask = mideleg & Mip.S_INTERRUPTS;
                mie = (mie & ~mask) | (v & mask);
                hart.requestAttention();
            }
            case Csr.STVEC -> stvec = legalTvec(v, stvec);
            case Csr.SCOUNTEREN -> scounteren = v & 0xffff_ffffL;
            case Csr.SENVCFG -> senvcfg = v & SENVCFG_WRITABLE;
            case Csr.SSCRATCH -> sscratch = v;
            case Csr.SEPC -> sepc = v & ~1L;
            case Csr.SCAUSE -> scause = v;
            case Csr.STVAL -> stval = v;
            case Csr.SIP -> {
                long mask = mideleg & Mip.SSIP; // only SSIP is writable through sip (4.1.3)
                hart.mipSoftware = (hart.mipSoftware & ~mask) | (v & mask);
                hart.requestAttention();
            }
            case Csr.STIMECMP -> {
                stimecmp = v;
                hart.pollTimers();
                hart.requestAttention();
            }
            case Csr.SATP -> writeSatp(v);
            case Csr.MSTATUS -> writeMstatus(v);
            case Csr.MISA -> { } // WARL: writes ignored, misa is fixed
            case Csr.MEDELEG -> medeleg = v & MEDELEG_WRITABLE;
            case Csr.MIDELEG -> { mideleg = v & Mip.S_INTERRUPTS; hart.requestAttention(); }
            case Csr.MIE -> { mie = v & MIE_WRITABLE; hart.requestAttention(); }
            case Csr.MTVEC -> mtvec = legalTvec(v, mtvec);
            case Csr.MCOUNTEREN -> mcounteren = v & 0xffff_ffffL;
            case Csr.MENVCFG -> {
                menvcfg = v & MENVCFG_WRITABLE;
                hart.pollTimers();
                hart.requestAttention();
            }
            case Csr.MCOUNTINHIBIT -> writeMcountinhibit(v & MCOUNTINHIBIT_WRITABLE);
            case Csr.MSCRATCH -> mscratch = v;
            case Csr.MEPC -> mepc = v & ~1L;
            case Csr.MCAUSE -> mcause = v;
            case Csr.MTVAL -> mtval = v;
            case Csr.MIP -> {
                long mask = Mip.SSIP | Mip.SEIP | (stce() ? 0 : Mip.STIP);
                hart.mipSoftware = (hart.mipSoftware & ~mask) | (v & mask);
                hart.requestAttention();
            }
            default -> {
                if (csr >= Csr.MHPMCOUNTER3 && csr <= Csr.MHPMCOUNTER31) return; // read-only zero
                if (csr >= Csr.MHPMEVENT3 && csr <= Csr.MHPMEVENT31) return;     // read-only zero
                if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15) {
                    int idx = csr - Csr.PMPCFG0;
                    if ((idx & 1) != 0) throw noSuchCsr();
                    if (idx < Pmp.ENTRIES / 4) hart.mmu().pmp().writeCfg(idx, v);
                    return;
                }
                if (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63) {
                    int idx = csr - Csr.PMPADDR0;
                    if (idx < Pmp.ENTRIES) hart.mmu().pmp().writeAddr(idx, v);
                    return;
                }
                // Read-only CSRs reached without checkAccess (writeCsr API) are ignored if they exist.
                read(csr);
            }
        }
    }

    /**
     * For CSRRS/CSRRC on mip the read-modify-write uses the software-writable SEIP bit, not the
     * value ORed with the external signal (3.1.9).
     */
    long rmwBase(int csr, long readValue) {
        if (csr == Csr.MIP) return (readValue & ~Mip.SEIP) | (hart.mipSoftware & Mip.SEIP);
        return readValue;
    }

    long readMstatus() {
        long s = mstatus;
        if ((s & Mstatus.FS) == Mstatus.FS_DIRTY) s |= Mstatus.SD;
        return s;
    }

    private void writeMstatus(long v) {
        long n = (mstatus & ~Mstatus.M_WRITABLE) | (v & Mstatus.M_WRITABLE);
        if (((n & Mstatus.MPP) >>> Mstatus.MPP_SHIFT) == 2) { // MPP is WARL: 2 (H) is not a mode here; keep old
            n = (n & ~Mstatus.MPP) | (mstatus & Mstatus.MPP);
        }
        setMstatusRaw(n | Mstatus.XL64);
    }

    /** satp (4.1.11): only Bare, Sv39 and Sv48; writing another MODE leaves satp unchanged. */
    private void writeSatp(long v) {
        int mode = (int) (v >>> 60);
        if (mode != Csr.SATP_MODE_BARE && mode != Csr.SATP_MODE_SV39 && mode != Csr.SATP_MODE_SV48) return;
        satp = v;
        hart.mmu().setSatp(v);
    }

    /** xtvec MODE >= 2 is reserved: the whole write is ignored, as QEMU does. */
    private static long legalTvec(long v, long old) {
        return (v & 3) < 2 ? v : old;
    }

    long mcycle() {
        return (mcountinhibit & INHIBIT_CY) != 0 ? frozenCycle : hart.steps() + cycleOffset;
    }

    long minstret() {
        return (mcountinhibit & INHIBIT_IR) != 0 ? frozenInstret : hart.retired + instretOffset;
    }

    /** pending: increments still to come for the writing instruction (1 when written by a CSR instruction). */
    private void writeMcycle(long v, int pending) {
        if ((mcountinhibit & INHIBIT_CY) != 0) frozenCycle = v;
        else cycleOffset = v - pending - hart.steps();
    }

    private void writeMinstret(long v, int pending) {
        if ((mcountinhibit & INHIBIT_IR) != 0) frozenInstret = v;
        else instretOffset = v - pending - hart.retired;
    }

    private void writeMcountinhibit(long v) {
        long cy = mcycle(), ir = minstret();
        mcountinhibit = v;
        // Re-anchor both counters at their current values under the new inhibit state.
        frozenCycle = cy;
        frozenInstret = ir;
        cycleOffset = cy - hart.steps();
        instretOffset = ir - hart.retired;
    }
}
