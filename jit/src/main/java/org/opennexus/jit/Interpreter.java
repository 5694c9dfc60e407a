package org.opennexus.jit;

import java.lang.foreign.MemorySegment;
import org.opennexus.jit.fpu.Fpu;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.Mmu;
import org.opennexus.memory.Tlb;
import org.opennexus.memory.Trap;

/**
 * Executes instructions: RV64I, M, A, Zicsr, Zifencei, Zba, Zbb, Zbs, Zicond here, F/D in
 * {@link FpExecutor}, C through {@link Rvc} expansion. Every reserved or unimplemented encoding
 * raises illegal instruction with tval = the instruction bits (the 16-bit parcel for compressed
 * ones).
 *
 * <p>Two paths with the same semantics: the fast path runs straight runs of RAM code pre-decoded
 * into {@link InterpBlocks} ({@link InterpDecoder}: RV64IMC and F/D without SYSTEM, FENCE and loads
 * into x0); the reference path ({@link #slow}) decodes one fetched instruction at a time and runs
 * everything else (CSRs, xRET, A, Zb*, FENCE, MMIO and TLB-missing accesses). See
 * docs/hart.md, "Interpreter fast path".
 */
final class Interpreter {
    private final Hart h;
    private final long[] x;
    private final long[] f;
    private final Mmu mmu;
    private final Tlb tlb;
    private final MemorySegment ram;
    private final CsrFile csr;
    private final FpExecutor fp;
    private final InterpBlocks blocks;
    /** The instruction being executed as fetched (16-bit parcel or 32-bit word), for mtval. */
    private int raw;

    Interpreter(Hart hart) {
        this.h = hart;
        this.x = hart.x;
        this.f = hart.f;
        this.mmu = hart.mmu();
        this.tlb = mmu.tlb();
        this.ram = mmu.ramSegment();
        this.blocks = new InterpBlocks(ram);
        this.csr = hart.csr;
        this.fp = new FpExecutor(hart);
    }

    /** The F/D executor (the translator calls it for FP instructions inside units). */
    FpExecutor fp() {
        return fp;
    }

    /**
     * Executes the instruction at pc on the reference path, without retiring it (the translator's
     * engine counts it; it steps through cold code one instruction at a time, where building blocks
     * would not pay); on success pc moves on. Traps leave pc at the instruction.
     */
    void step() {
        long pc = h.pc;
        h.pc = slow(mmu.fetchInstruction(pc), pc);
    }

    /**
     * Executes up to n instructions, retiring each; returns early when attention is raised. A trap
     * propagates with pc at the faulting instruction, not retired.
     *
     * <p>Instructions run from {@link InterpBlocks}, found by the RAM offset of pc. That offset
     * comes from the fetch-TLB entry of pc's page, remembered while pc stays on the page: only
     * fetches refill fetch entries, and only SYSTEM instructions (on the reference path: CSR
     * writes, SFENCE.VMA, xRET, ECALL...) can flush the TLB or switch its context, so it is looked
     * up again after them. Inside blocks ({@link #execBlocks}) loads and stores probe the TLB here
     * (the hit path of {@link Mmu#load}/{@link Mmu#store}); on a miss (MMIO, faults, TLB refills)
     * execution stops before that instruction, which then runs on the reference path
     * ({@link #slow}) like every instruction outside blocks. So nothing inside a block touches a
     * device, and only F/D arithmetic ({@link FpExecutor}, as on the reference path) can trap
     * there; pc and {@code retired} are settled when blocks stop or trap, attention is checked
     * after every block, and a store into the running block ends it.
     */
    void run(long n) {
        final Hart h = this.h;
        final InterpBlocks blocks = this.blocks;
        long pc = h.pc;
        long page = -1, addend = 0;
        dataViews();
        blocks.epoch++;
        try {
            while (n > 0) {
                if (pc >>> 12 != page) {
                    fetchCheck(pc);
                    page = fetchPage;
                    addend = fetchAddend;
                }
                long done = 0;
                blockMiss = false;
                if (pc >>> 12 == page) {
                    blocks.find(pc + addend);
                    done = execBlocks(pc, n, page, addend);
                    pc = blockPc;
                    h.retired += done;
                    n -= done;
                }
                if (blockMiss || done == 0) { // a load/store that missed the TLB, or no block here: reference path
                    h.pc = pc;
                    pc = slow(mmu.fetchInstruction(pc), pc);
                    if (slowMayHaveWritten()) blocks.epoch++;
                    if (slowMajor == 0x1C) { // SYSTEM: privilege, satp, mstatus, PMP, SFENCE.VMA...
                        page = -1;
                        dataViews();
                    }
                    h.retired++;
                    n--;
                }
                if (h.attention) break;
            }
        } catch (Trap t) {
            if (blockTrap) { // F/D arithmetic inside a block: execBlocks settled pc and the count
                blockTrap = false;
                h.retired += blockRetired;
                pc = blockPc;
            }
            h.pc = pc;
            throw t;
        }
        h.pc = pc;
    }

    /** The TLB's load and store views of the data context, as of the last instruction that could change it. */
    private long[] loadView, storeView;

    private void dataViews() {
        loadView = mmu.loadEntries();
        storeView = mmu.storeEntries();
    }
    /** pc where the last {@link #execBlocks} stopped (or the instruction that trapped in it). */
    private long blockPc;
    /** The last {@link #execBlocks} stopped at a load or store that missed the TLB. */
    private boolean blockMiss;
    /** The last {@link #execBlocks} ended in a trap, after retiring {@link #blockRetired} instructions. */
    private boolean blockTrap;
    private long blockRetired;

    /**
     * Runs up to n instructions from the blocks cached for pc and its successors on the same page
     * (page and addend: its fetch-TLB entry), as long as each next block is in the cache and was
     * compared with RAM in this epoch; returns the number executed, leaves pc in {@link #blockPc}
     * and sets {@link #blockMiss} when it stopped at a load or store that missed the TLB. Stops
     * after a block when attention is raised. A block longer than what is left of n is cut short
     * by an END written over the first instruction it must not run (and put back after).
     *
     * <p>One instruction loop with one dense switch and no pc per instruction (see
     * {@link InterpBlocks} for the offsets placed instructions carry). It calls nothing: what calls
     * out (F/D arithmetic in {@link FpExecutor}, a store to a code line: {@link #wroteBlock}) stops
     * it and is done between two runs of it, and a trap in F/D arithmetic is settled (count, pc of
     * the instruction) before it propagates.
     */
    private long execBlocks(long pc, long n, long page, long addend) {
        final long[] x = this.x;
        final long[] code = blocks.code;
        final MemorySegment ram = this.ram;
        long done = 0;
        boolean miss = false;
        while (pc >>> 12 == page) {
            final long start = pc + addend;
            final int hdr = InterpBlocks.slot(start);
            if (code[hdr + InterpBlocks.TAG] != start || code[hdr + InterpBlocks.CHECKED] != blocks.epoch) break;
            final int len = InterpBlocks.length(code[hdr + InterpBlocks.META]);
            if (len == 0) break;
            final int first = hdr + InterpBlocks.HEADER;
            int cut = -1;
            long saved = 0;
            if (len > n - done) {
                cut = first + (int) (n - done);
                saved = code[cut];
                code[cut] = InterpBlocks.end(InterpBlocks.off(saved));
            }
            final long base = pc;
            int k = first;
            int why;
            long wrote = 0;
            for (;;) {
                insns:
                for (;;) {
                    final long d = code[k++];
                    switch (InterpDecoder.op(d)) {
                        case InterpDecoder.END -> { k--; pc = base + InterpBlocks.off(d); why = LEAVE; break insns; }
                        case InterpDecoder.NOP -> { }
                        case InterpDecoder.ADDI -> x[rd(d)] = x[rs1(d)] + imm(d);
                        case InterpDecoder.SLTI -> x[rd(d)] = x[rs1(d)] < imm(d) ? 1 : 0;
                        case InterpDecoder.SLTIU -> x[rd(d)] = Long.compareUnsigned(x[rs1(d)], imm(d)) < 0 ? 1 : 0;
                        case InterpDecoder.XORI -> x[rd(d)] = x[rs1(d)] ^ imm(d);
                        case InterpDecoder.ORI -> x[rd(d)] = x[rs1(d)] | imm(d);
                        case InterpDecoder.ANDI -> x[rd(d)] = x[rs1(d)] & imm(d);
                        case InterpDecoder.SLLI -> x[rd(d)] = x[rs1(d)] << imm(d);
                        case InterpDecoder.SRLI -> x[rd(d)] = x[rs1(d)] >>> imm(d);
                        case InterpDecoder.SRAI -> x[rd(d)] = x[rs1(d)] >> imm(d);
                        case InterpDecoder.ADDIW -> x[rd(d)] = (int) (x[rs1(d)] + imm(d));
                        case InterpDecoder.SLLIW -> x[rd(d)] = (int) x[rs1(d)] << imm(d);
                        case InterpDecoder.SRLIW -> x[rd(d)] = (int) x[rs1(d)] >>> imm(d);
                        case InterpDecoder.SRAIW -> x[rd(d)] = (int) x[rs1(d)] >> imm(d);
                        case InterpDecoder.LUI -> x[rd(d)] = imm(d);
                        case InterpDecoder.AUIPC -> x[rd(d)] = base + imm(d);
                        case InterpDecoder.ADD -> x[rd(d)] = x[rs1(d)] + x[rs2(d)];
                        case InterpDecoder.SUB -> x[rd(d)] = x[rs1(d)] - x[rs2(d)];
                        case InterpDecoder.SLL -> x[rd(d)] = x[rs1(d)] << x[rs2(d)];
                        case InterpDecoder.SLT -> x[rd(d)] = x[rs1(d)] < x[rs2(d)] ? 1 : 0;
                        case InterpDecoder.SLTU -> x[rd(d)] = Long.compareUnsigned(x[rs1(d)], x[rs2(d)]) < 0 ? 1 : 0;
                        case InterpDecoder.XOR -> x[rd(d)] = x[rs1(d)] ^ x[rs2(d)];
                        case InterpDecoder.SRL -> x[rd(d)] = x[rs1(d)] >>> x[rs2(d)];
                        case InterpDecoder.SRA -> x[rd(d)] = x[rs1(d)] >> x[rs2(d)];
                        case InterpDecoder.OR -> x[rd(d)] = x[rs1(d)] | x[rs2(d)];
                        case InterpDecoder.AND -> x[rd(d)] = x[rs1(d)] & x[rs2(d)];
                        case InterpDecoder.MUL -> x[rd(d)] = x[rs1(d)] * x[rs2(d)];
                        case InterpDecoder.MULH -> x[rd(d)] = Math.multiplyHigh(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.MULHSU -> x[rd(d)] = TranslatorOps.mulhsu(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.MULHU -> x[rd(d)] = Math.unsignedMultiplyHigh(x[rs1(d)], x[rs2(d)]);
                        // division by zero and overflow as in unpriv table 7.1 (TranslatorOps)
                        case InterpDecoder.DIV -> x[rd(d)] = TranslatorOps.div(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.DIVU -> x[rd(d)] = TranslatorOps.divu(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.REM -> x[rd(d)] = TranslatorOps.rem(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.REMU -> x[rd(d)] = TranslatorOps.remu(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.ADDW -> x[rd(d)] = (int) x[rs1(d)] + (int) x[rs2(d)];
                        case InterpDecoder.SUBW -> x[rd(d)] = (int) x[rs1(d)] - (int) x[rs2(d)];
                        case InterpDecoder.SLLW -> x[rd(d)] = (int) x[rs1(d)] << x[rs2(d)];
                        case InterpDecoder.SRLW -> x[rd(d)] = (int) x[rs1(d)] >>> x[rs2(d)];
                        case InterpDecoder.SRAW -> x[rd(d)] = (int) x[rs1(d)] >> x[rs2(d)];
                        case InterpDecoder.MULW -> x[rd(d)] = (int) x[rs1(d)] * (int) x[rs2(d)];
                        case InterpDecoder.DIVW -> x[rd(d)] = TranslatorOps.divw(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.DIVUW -> x[rd(d)] = TranslatorOps.divuw(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.REMW -> x[rd(d)] = TranslatorOps.remw(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.REMUW -> x[rd(d)] = TranslatorOps.remuw(x[rs1(d)], x[rs2(d)]);
                        case InterpDecoder.BEQ -> { pc = base + (x[rs1(d)] == x[rs2(d)] ? target(d) : next(d)); why = LEAVE; break insns; }
                        case InterpDecoder.BNE -> { pc = base + (x[rs1(d)] != x[rs2(d)] ? target(d) : next(d)); why = LEAVE; break insns; }
                        case InterpDecoder.BLT -> { pc = base + (x[rs1(d)] < x[rs2(d)] ? target(d) : next(d)); why = LEAVE; break insns; }
                        case InterpDecoder.BGE -> { pc = base + (x[rs1(d)] >= x[rs2(d)] ? target(d) : next(d)); why = LEAVE; break insns; }
                        case InterpDecoder.BLTU -> {
                            pc = base + (Long.compareUnsigned(x[rs1(d)], x[rs2(d)]) < 0 ? target(d) : next(d));
                            why = LEAVE;
                            break insns;
                        }
                        case InterpDecoder.BGEU -> {
                            pc = base + (Long.compareUnsigned(x[rs1(d)], x[rs2(d)]) >= 0 ? target(d) : next(d));
                            why = LEAVE;
                            break insns;
                        }
                        case InterpDecoder.JAL -> { x[rd(d)] = base + next(d); pc = base + target(d); why = LEAVE; break insns; }
                        case InterpDecoder.J -> { pc = base + target(d); why = LEAVE; break insns; }
                        case InterpDecoder.JALR -> {
                            long target = (x[rs1(d)] + target(d)) & ~1L;
                            x[rd(d)] = base + next(d);
                            pc = target;
                            why = LEAVE;
                            break insns;
                        }
                        case InterpDecoder.JR -> { pc = (x[rs1(d)] + target(d)) & ~1L; why = LEAVE; break insns; }
                        case InterpDecoder.LB, InterpDecoder.LH, InterpDecoder.LW, InterpDecoder.LD,
                                InterpDecoder.LBU, InterpDecoder.LHU, InterpDecoder.LWU -> {
                            int op = InterpDecoder.op(d);
                            long va = x[rs1(d)] + imm(d);
                            long off = loadOffset(va, op);
                            if (off < 0) { k--; pc = base + InterpBlocks.off(d); why = MISS; break insns; }
                            x[rd(d)] = switch (op) {
                                case InterpDecoder.LB -> ram.get(GuestRam.BYTE, off);
                                case InterpDecoder.LH -> ram.get(GuestRam.SHORT, off);
                                case InterpDecoder.LW -> ram.get(GuestRam.INT, off);
                                case InterpDecoder.LD -> ram.get(GuestRam.LONG, off);
                                case InterpDecoder.LBU -> ram.get(GuestRam.BYTE, off) & 0xffL;
                                case InterpDecoder.LHU -> ram.get(GuestRam.SHORT, off) & 0xffffL;
                                default -> ram.get(GuestRam.INT, off) & 0xffff_ffffL;
                            };
                        }
                        case InterpDecoder.SB, InterpDecoder.SH, InterpDecoder.SW, InterpDecoder.SD -> {
                            int op = InterpDecoder.op(d);
                            long va = x[rs1(d)] + imm(d);
                            long off = storeOffset(va, op - InterpDecoder.SB);
                            if (off < 0) { k--; pc = base + InterpBlocks.off(d); why = MISS; break insns; }
                            long v = x[rs2(d)];
                            switch (op) {
                                case InterpDecoder.SB -> ram.set(GuestRam.BYTE, off, (byte) v);
                                case InterpDecoder.SH -> ram.set(GuestRam.SHORT, off, (short) v);
                                case InterpDecoder.SW -> ram.set(GuestRam.INT, off, (int) v);
                                default -> ram.set(GuestRam.LONG, off, v);
                            }
                            if (InterpBlocks.isCodeLine(blocks.codeLines, off)) { wrote = off; why = WROTE; break insns; }
                        }
                        case InterpDecoder.FLW, InterpDecoder.FLD -> { // only while FS is Dirty: nothing else to update
                            int op = InterpDecoder.op(d);
                            long va = x[rs1(d)] + imm(d);
                            long off = loadOffset(va, op == InterpDecoder.FLW ? InterpDecoder.LW : InterpDecoder.LD);
                            if (off < 0 || (csr.mstatus & Mstatus.FS) != Mstatus.FS_DIRTY) {
                                k--; pc = base + InterpBlocks.off(d); why = MISS; break insns;
                            }
                            f[rd(d)] = op == InterpDecoder.FLD ? ram.get(GuestRam.LONG, off) : Fpu.boxS(ram.get(GuestRam.INT, off));
                        }
                        case InterpDecoder.FSW, InterpDecoder.FSD -> {
                            int op = InterpDecoder.op(d);
                            long va = x[rs1(d)] + imm(d);
                            long off = storeOffset(va, op == InterpDecoder.FSW ? 2 : 3);
                            if (off < 0 || csr.fsOff()) { k--; pc = base + InterpBlocks.off(d); why = MISS; break insns; }
                            long v = f[rs2(d)];
                            if (op == InterpDecoder.FSW) ram.set(GuestRam.INT, off, (int) v);
                            else ram.set(GuestRam.LONG, off, v);
                            if (InterpBlocks.isCodeLine(blocks.codeLines, off)) { wrote = off; why = WROTE; break insns; }
                        }
                        case InterpDecoder.FP_OP, InterpDecoder.FP_FUSED -> { why = FP; break insns; }
                        default -> { // not placed in blocks: leave it to the reference path
                            k--;
                            pc = base + InterpBlocks.off(d);
                            why = MISS;
                            break insns;
                        }
                    }
                }
                // what calls out runs outside the instruction loop
                if (why == FP) {
                    long d = code[k - 1];
                    int i = (int) imm(d);
                    try {
                        if (InterpDecoder.op(d) == InterpDecoder.FP_OP) fp.op(i, i);
                        else fp.fused(i, i);
                    } catch (Trap t) {
                        if (cut >= 0) code[cut] = saved;
                        blockTrap = true;
                        blockRetired = done + (k - 1 - first);
                        blockPc = base + InterpBlocks.off(d);
                        throw t;
                    }
                    continue;
                }
                if (why == WROTE) {
                    if (wroteBlock(wrote, hdr)) { // the store hit this block: end it after the store
                        long d = code[k - 1];
                        pc = base + InterpBlocks.off(d) + rd(d); // rd: the store's length
                        break;
                    }
                    continue;
                }
                break;
            }
            if (cut >= 0) code[cut] = saved;
            done += k - first;
            if (why == MISS) {
                miss = true;
                break;
            }
            if (done == n || h.attention) break;
        }
        blockPc = pc;
        blockMiss = miss;
        return done;
    }

    /** Why the instruction loop of {@link #execBlocks} stopped. */
    private static final int LEAVE = 0, MISS = 1, FP = 2, WROTE = 3;

    private static int rd(long d) { return InterpDecoder.rd(d); }
    private static int rs1(long d) { return InterpDecoder.rs1(d); }
    private static int rs2(long d) { return InterpDecoder.rs2(d); }
    private static long imm(long d) { return InterpDecoder.imm(d); }
    private static long target(long d) { return InterpBlocks.target(d); }
    private static int next(long d) { return InterpBlocks.next(d); }

    /**
     * The RAM offset for a load at va of the size of the given load operation, when the load view
     * of the TLB holds the page (and the access does not cross it); else -1.
     */
    private long loadOffset(long va, int op) {
        long[] v = loadView;
        int t = ((int) (va >>> 12) & (Tlb.SETS - 1)) << 1;   // tag at t, addend at t + 1
        int last = (1 << ((op - InterpDecoder.LB) & 3)) - 1;
        return v[t] == (va + last) >>> 12 ? va + v[t + 1] : -1;
    }

    /** As {@link #loadOffset} for a store of 1 << log2Size bytes, through the store view. */
    private long storeOffset(long va, int log2Size) {
        long[] v = storeView;
        int t = ((int) (va >>> 12) & (Tlb.SETS - 1)) << 1;
        return v[t] == (va + (1 << log2Size) - 1) >>> 12 ? va + v[t + 1] : -1;
    }

    /**
     * A fast-path store wrote RAM offset off in a code line holding blocks: starts a new epoch (every
     * block is compared with RAM again before it runs) and returns true when the store hit the
     * running block (header hdr), which must then end after the store.
     */
    private boolean wroteBlock(long off, int hdr) {
        blocks.epoch++;
        long[] code = blocks.code;
        long start = code[hdr + InterpBlocks.TAG];
        return off + 8 > start && off < start + InterpBlocks.bytes(code[hdr + InterpBlocks.META]);
    }

    /** Page (vaddr >>> 12) and RAM addend of the fetch-TLB entry for the last {@link #fetchCheck}. */
    private long fetchPage, fetchAddend;

    /**
     * Fetches at pc through the MMU (so a fault traps exactly as executing pc would), then
     * remembers pc's fetch-TLB entry; fetchPage differs from pc's page when there is none.
     */
    private void fetchCheck(long pc) {
        mmu.fetchInstruction(pc);
        int t = mmu.fetchContext() + ((int) (pc >>> 12) & (Tlb.SETS - 1));
        fetchPage = tlb.fetchTag[t];
        fetchAddend = tlb.fetchAddend[t];
    }

    /**
     * The reference path for everything the fast path does not decode (and for illegal encodings):
     * executes the fetched bits w at pc and returns the next pc.
     */
    private long slow(int w, long pc) {
        if ((w & 3) == 3) {
            raw = w;
            slowMajor = (w >>> 2) & 31;
            return exec(w, pc, pc + 4);
        }
        raw = w & 0xffff;
        int e = Rvc.expand(w);
        if (e == 0) throw illegal();
        slowMajor = (e >>> 2) & 31;
        return exec(e, pc, pc + 2);
    }

    /** Major opcode (bits 6:2) of the last instruction {@link #slow} started. */
    private int slowMajor;

    /**
     * True when the last {@link #slow} instruction may have written memory: STORE, STORE-FP, AMO,
     * MISC-MEM (FENCE.I asks for it) and SYSTEM (ECALL may do anything). Page-table walks setting
     * A/D bits are not counted, like writes by other harts and DMA.
     */
    private boolean slowMayHaveWritten() {
        int m = slowMajor;
        return m == 0x08 || m == 0x09 || m == 0x0B || m == 0x03 || m == 0x1C;
    }


    private Trap illegal() {
        return CsrFile.illegal(raw);
    }

    private void set(int rd, long v) {
        if (rd != 0) x[rd] = v;
    }

    private static int rd(int i) { return (i >>> 7) & 31; }
    private static int rs1(int i) { return (i >>> 15) & 31; }
    private static int rs2(int i) { return (i >>> 20) & 31; }
    private static int f3(int i) { return (i >>> 12) & 7; }
    private static int f7(int i) { return i >>> 25; }
    private static long immI(int i) { return i >> 20; }
    private static long immS(int i) { return ((i >> 25) << 5) | ((i >>> 7) & 31); }

    private static long immB(int i) {
        return ((long) (i >> 31) << 12) | (((i >>> 7) & 1) << 11) | (((i >>> 25) & 0x3f) << 5) | (((i >>> 8) & 0xf) << 1);
    }

    private static long immJ(int i) {
        return ((long) (i >> 31) << 20) | (i & 0xff000) | (((i >>> 20) & 1) << 11) | (((i >>> 21) & 0x3ff) << 1);
    }

    /** Executes a 32-bit (possibly expanded) instruction; returns the next pc. */
    private long exec(int i, long pc, long next) {
        switch ((i >>> 2) & 31) {
            case 0x00: load(i); return next;
            case 0x01: fp.load(i, raw); return next;
            case 0x03: miscMem(i); return next;
            case 0x04: set(rd(i), opImm(i)); return next;
            case 0x05: set(rd(i), pc + (long) (i & 0xfffff000)); return next;   // AUIPC
            case 0x06: set(rd(i), opImm32(i)); return next;
            case 0x08: store(i); return next;
            case 0x09: fp.store(i, raw); return next;
            case 0x0B: amo(i); return next;
            case 0x0C: set(rd(i), op(i)); return next;
            case 0x0D: set(rd(i), (long) (i & 0xfffff000)); return next;       // LUI
            case 0x0E: set(rd(i), op32(i)); return next;
            case 0x10, 0x11, 0x12, 0x13: fp.fused(i, raw); return next;
            case 0x14: fp.op(i, raw); return next;
            case 0x18: return branch(i, pc, next);
            case 0x19: { // JALR
                if (f3(i) != 0) throw illegal();
                long target = (x[rs1(i)] + immI(i)) & ~1L;
                set(rd(i), next);
                return target;
            }
            case 0x1B: set(rd(i), next); return pc + immJ(i); // JAL
            case 0x1C: return system(i, pc, next);
            default: throw illegal();
        }
    }

    private long branch(int i, long pc, long next) {
        long a = x[rs1(i)], b = x[rs2(i)];
        boolean taken = switch (f3(i)) {
            case 0 -> a == b;
            case 1 -> a != b;
            case 4 -> a < b;
            case 5 -> a >= b;
            case 6 -> Long.compareUnsigned(a, b) < 0;
            case 7 -> Long.compareUnsigned(a, b) >= 0;
            default -> throw illegal();
        };
        return taken ? pc + immB(i) : next;
    }

    private void load(int i) {
        long a = x[rs1(i)] + immI(i);
        long v = switch (f3(i)) {
            case 0 -> (byte) mmu.load(a, 1);
            case 1 -> (short) mmu.load(a, 2);
            case 2 -> (int) mmu.load(a, 4);
            case 3 -> mmu.load(a, 8);
            case 4 -> mmu.load(a, 1);
            case 5 -> mmu.load(a, 2);
            case 6 -> mmu.load(a, 4);
            default -> throw illegal();
        };
        set(rd(i), v);
    }

    private void store(int i) {
        int f3 = f3(i);
        if (f3 > 3) throw illegal();
        mmu.store(x[rs1(i)] + immS(i), 1 << f3, x[rs2(i)]);
    }

    private void miscMem(int i) {
        switch (f3(i)) {
            case 0 -> { } // FENCE (and FENCE.TSO, PAUSE): the interpreter is sequentially consistent per hart
            case 1 -> h.fenceI(); // FENCE.I: reserved fields ignored (Zifencei)
            default -> throw illegal();
        }
    }

    private long opImm(int i) {
        long a = x[rs1(i)];
        long imm = immI(i);
        int sh = (int) imm & 63;
        int f6 = i >>> 26;
        switch (f3(i)) {
            case 0: return a + imm;
            case 2: return a < imm ? 1 : 0;
            case 3: return Long.compareUnsigned(a, imm) < 0 ? 1 : 0;
            case 4: return a ^ imm;
            case 6: return a | imm;
            case 7: return a & imm;
            case 1:
                switch (f6) {
                    case 0x00: return a << sh;                       // SLLI
                    case 0x0A: return a | (1L << sh);                // BSETI
                    case 0x12: return a & ~(1L << sh);               // BCLRI
                    case 0x1A: return a ^ (1L << sh);                // BINVI
                    case 0x18:
                        switch (i >>> 20) {
                            case 0x600: return Long.numberOfLeadingZeros(a);  // CLZ
                            case 0x601: return Long.numberOfTrailingZeros(a); // CTZ
                            case 0x602: return Long.bitCount(a);              // CPOP
                            case 0x604: return (byte) a;                      // SEXT.B
                            case 0x605: return (short) a;                     // SEXT.H
                            default: throw illegal();
                        }
                    default: throw illegal();
                }
            default: // 5
                switch (f6) {
                    case 0x00: return a >>> sh;                      // SRLI
                    case 0x10: return a >> sh;                       // SRAI
                    case 0x18: return Long.rotateRight(a, sh);       // RORI
                    case 0x12: return (a >>> sh) & 1;                // BEXTI
                    case 0x0A:
                        if ((i >>> 20) == 0x287) return orcB(a);     // ORC.B
                        throw illegal();
                    case 0x1A:
                        if ((i >>> 20) == 0x6B8) return Long.reverseBytes(a); // REV8
                        throw illegal();
                    default: throw illegal();
                }
        }
    }

    static long orcB(long a) {
        long r = 0;
        for (int b = 0; b < 64; b += 8) {
            if (((a >>> b) & 0xff) != 0) r |= 0xffL << b;
        }
        return r;
    }

    private long opImm32(int i) {
        long a = x[rs1(i)];
        int w = (int) a;
        int sh = (i >>> 20) & 31;
        int f7 = f7(i);
        switch (f3(i)) {
            case 0: return (int) (w + (int) immI(i));                  // ADDIW
            case 1:
                if (f7 == 0) return w << sh;                           // SLLIW
                if ((i >>> 26) == 0x02) return (a & 0xffff_ffffL) << ((i >>> 20) & 63); // SLLI.UW
                switch (i >>> 20) {
                    case 0x600: return Integer.numberOfLeadingZeros(w);  // CLZW
                    case 0x601: return Integer.numberOfTrailingZeros(w); // CTZW
                    case 0x602: return Integer.bitCount(w);              // CPOPW
                    default: throw illegal();
                }
            case 5:
                switch (f7) {
                    case 0x00: return w >>> sh;                          // SRLIW
                    case 0x20: return w >> sh;                           // SRAIW
                    case 0x30: return Integer.rotateRight(w, sh);        // RORIW
                    default: throw illegal();
                }
            default: throw illegal();
        }
    }

    private long op(int i) {
        long a = x[rs1(i)], b = x[rs2(i)];
        int f3 = f3(i);
        switch (f7(i)) {
            case 0x00:
                switch (f3) {
                    case 0: return a + b;
                    case 1: return a << b;
                    case 2: return a < b ? 1 : 0;
                    case 3: return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
                    case 4: return a ^ b;
                    case 5: return a >>> b;
                    case 6: return a | b;
                    default: return a & b;
                }
            case 0x20:
                switch (f3) {
                    case 0: return a - b;
                    case 5: return a >> b;
                    case 4: return ~(a ^ b);   // XNOR
                    case 6: return a | ~b;     // ORN
                    case 7: return a & ~b;     // ANDN
                    default: throw illegal();
                }
            case 0x01: return mulDiv(f3, a, b);
            case 0x10:
                switch (f3) {
                    case 2: return (a << 1) + b; // SH1ADD
                    case 4: return (a << 2) + b; // SH2ADD
                    case 6: return (a << 3) + b; // SH3ADD
                    default: throw illegal();
                }
            case 0x05:
                switch (f3) {
                    case 4: return Math.min(a, b);                                    // MIN
                    case 5: return Long.compareUnsigned(a, b) < 0 ? a : b;            // MINU
                    case 6: return Math.max(a, b);                                    // MAX
                    case 7: return Long.compareUnsigned(a, b) > 0 ? a : b;            // MAXU
                    default: throw illegal();
                }
            case 0x30:
                switch (f3) {
                    case 1: return Long.rotateLeft(a, (int) b);  // ROL
                    case 5: return Long.rotateRight(a, (int) b); // ROR
                    default: throw illegal();
                }
            case 0x14:
                if (f3 == 1) return a | (1L << b);               // BSET
                throw illegal();
            case 0x24:
                if (f3 == 1) return a & ~(1L << b);              // BCLR
                if (f3 == 5) return (a >>> b) & 1;               // BEXT
                throw illegal();
            case 0x34:
                if (f3 == 1) return a ^ (1L << b);               // BINV
                throw illegal();
            case 0x07:
                if (f3 == 5) return b == 0 ? 0 : a;              // CZERO.EQZ
                if (f3 == 7) return b != 0 ? 0 : a;              // CZERO.NEZ
                throw illegal();
            default: throw illegal();
        }
    }

    /** M extension (unprivileged spec chapter 7, table 7.1 for division by zero and overflow). */
    static long mulDiv(int f3, long a, long b) {
        switch (f3) {
            case 0: return a * b;
            case 1: return Math.multiplyHigh(a, b);
            case 2: return Math.multiplyHigh(a, b) + (b < 0 ? a : 0);  // MULHSU: a signed, b unsigned
            case 3: return Math.unsignedMultiplyHigh(a, b);
            case 4: return b == 0 ? -1 : a / b;                        // MIN/-1 = MIN in Java too
            case 5: return b == 0 ? -1 : Long.divideUnsigned(a, b);
            case 6: return b == 0 ? a : a % b;
            default: return b == 0 ? a : Long.remainderUnsigned(a, b);
        }
    }

    private long op32(int i) {
        long a = x[rs1(i)], b = x[rs2(i)];
        int wa = (int) a, wb = (int) b;
        int f3 = f3(i);
        switch (f7(i)) {
            case 0x00:
                switch (f3) {
                    case 0: return wa + wb;
                    case 1: return wa << wb;
                    case 5: return wa >>> wb;
                    default: throw illegal();
                }
            case 0x20:
                switch (f3) {
                    case 0: return wa - wb;
                    case 5: return wa >> wb;
                    default: throw illegal();
                }
            case 0x01: return mulDivW(f3, wa, wb, i);
            case 0x04:
                if (f3 == 0) return (a & 0xffff_ffffL) + b;                  // ADD.UW
                if (f3 == 4 && rs2(i) == 0) return a & 0xffff;               // ZEXT.H
                throw illegal();
            case 0x10:
                switch (f3) {
                    case 2: return ((a & 0xffff_ffffL) << 1) + b; // SH1ADD.UW
                    case 4: return ((a & 0xffff_ffffL) << 2) + b; // SH2ADD.UW
                    case 6: return ((a & 0xffff_ffffL) << 3) + b; // SH3ADD.UW
                    default: throw illegal();
                }
            case 0x30:
                switch (f3) {
                    case 1: return Integer.rotateLeft(wa, wb);  // ROLW
                    case 5: return Integer.rotateRight(wa, wb); // RORW
                    default: throw illegal();
                }
            default: throw illegal();
        }
    }

    private long mulDivW(int f3, int a, int b, int i) {
        if (f3 < 4 && f3 != 0) throw illegal();
        return mulDivW(f3, a, b);
    }

    /** MULW, DIVW, DIVUW, REMW, REMUW by funct3 (1-3 do not exist). */
    private static long mulDivW(int f3, int a, int b) {
        switch (f3) {
            case 0: return a * b;                                           // MULW
            case 4: return b == 0 ? -1 : a / b;                             // DIVW
            case 5: return b == 0 ? -1 : Integer.divideUnsigned(a, b);      // DIVUW
            case 6: return b == 0 ? a : a % b;                              // REMW
            default: return b == 0 ? a : Integer.remainderUnsigned(a, b);   // REMUW
        }
    }

    /** A extension: LR/SC and AMOs, .W results sign-extended; aq/rl accepted (sequentially consistent). */
    private void amo(int i) {
        int f3 = f3(i);
        if (f3 != 2 && f3 != 3) throw illegal();
        int size = f3 == 2 ? 4 : 8;
        long addr = x[rs1(i)];
        long src = x[rs2(i)];
        long r;
        switch (i >>> 27) {
            case 0x02: // LR
                if (rs2(i) != 0) throw illegal();
                r = mmu.loadReserved(addr, size);
                break;
            case 0x03: r = mmu.storeConditional(addr, size, src) ? 0 : 1; break;
            case 0x01: r = mmu.amo(Mmu.AMO_SWAP, addr, size, src); break;
            case 0x00: r = mmu.amo(Mmu.AMO_ADD, addr, size, src); break;
            case 0x04: r = mmu.amo(Mmu.AMO_XOR, addr, size, src); break;
            case 0x0C: r = mmu.amo(Mmu.AMO_AND, addr, size, src); break;
            case 0x08: r = mmu.amo(Mmu.AMO_OR, addr, size, src); break;
            case 0x10: r = mmu.amo(Mmu.AMO_MIN, addr, size, src); break;
            case 0x14: r = mmu.amo(Mmu.AMO_MAX, addr, size, src); break;
            case 0x18: r = mmu.amo(Mmu.AMO_MINU, addr, size, src); break;
            case 0x1C: r = mmu.amo(Mmu.AMO_MAXU, addr, size, src); break;
            default: throw illegal();
        }
        set(rd(i), size == 4 ? (int) r : r);
    }

    // ------------------------------------------------------------------ SYSTEM

    private long system(int i, long pc, long next) {
        int f3 = f3(i);
        if (f3 == 0) return privileged(i, pc, next);
        if (f3 == 4) throw illegal();
        csrInstruction(i, f3);
        return next;
    }

    /** Zicsr (unprivileged spec chapter 9): which of read/write happen depends on rd/rs1. */
    private void csrInstruction(int i, int f3) {
        int num = i >>> 20;
        int rd = rd(i), rs1 = rs1(i);
        int kind = f3 & 3; // 1 RW, 2 RS, 3 RC
        boolean write = kind == 1 || rs1 != 0;
        boolean read = kind != 1 || rd != 0;
        csr.checkAccess(num, write, raw);
        long operand = (f3 & 4) != 0 ? rs1 : x[rs1];
        long old;
        try {
            old = read ? csr.read(num) : 0;
            if (write) {
                long base = csr.rmwBase(num, old);
                long v = switch (kind) {
                    case 1 -> operand;
                    case 2 -> base | operand;
                    default -> base & ~operand;
                };
                csr.write(num, v, true);
            }
        } catch (Trap t) { // CSR does not exist
            throw illegal();
        }
        set(rd, old);
    }

    private long privileged(int i, long pc, long next) {
        int p = h.priv;
        switch (i) {
            case 0x00000073: // ECALL
                if (h.platform.ecall(h)) return next;
                throw new Trap(Trap.ECALL_FROM_U + p, 0);
            case 0x00100073: // EBREAK: tval = 0, allowed by 3.1.16 and what QEMU 7.2 writes
                throw new Trap(Trap.BREAKPOINT, 0);
            case 0x30200073: // MRET
                if (p != Privilege.PRV_M) throw illegal();
                h.mret();
                return h.pc;
            case 0x10200073: // SRET
                if (p == Privilege.PRV_U || (p == Privilege.PRV_S && (csr.mstatus & Mstatus.TSR) != 0)) throw illegal();
                h.sret();
                return h.pc;
            case 0x10500073: // WFI (3.3.3): illegal in U, and in S when TW=1 (QEMU traps at once)
                if (p == Privilege.PRV_U || (p == Privilege.PRV_S && (csr.mstatus & Mstatus.TW) != 0)) throw illegal();
                h.pc = next;
                h.waitForInterrupt();
                return next;
            default:
                if ((i & 0xfe007fff) == 0x12000073) { // SFENCE.VMA
                    if (p == Privilege.PRV_U || (p == Privilege.PRV_S && (csr.mstatus & Mstatus.TVM) != 0)) throw illegal();
                    int rs1 = rs1(i), rs2 = rs2(i);
                    mmu.sfenceVma(x[rs1], rs1 == 0, (int) x[rs2] & 0xffff, rs2 == 0);
                    return next;
                }
                throw illegal();
        }
    }
}
