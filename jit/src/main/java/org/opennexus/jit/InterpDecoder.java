package org.opennexus.jit;

/**
 * Pre-decodes the instructions the interpreter's fast path executes itself: RV64I (without FENCE,
 * SYSTEM), M, FLW/FLD/FSW/FSD, F/D arithmetic (OP-FP and the fused multiply-adds, run by
 * {@link FpExecutor}), and C through {@link Rvc} expansion. {@link #decode} is a pure function of
 * the fetched bits, so a cached result is valid wherever the same bits are fetched again.
 *
 * <p>Result layout (one {@code long}): bits 7:0 the operation ({@link #SLOW} for anything not
 * listed here: reserved encodings, A, Zicsr, Zb*, FENCE, SYSTEM, loads into x0), 12:8 rd, 17:13
 * rs1, 22:18 rs2, 25:23 the instruction length (2 or 4), 63:32 the immediate (sign-extended; the
 * shift amount for shifts by immediate; the instruction itself for F/D arithmetic). Each load,
 * store and branch kind has an operation of its own, so the interpreter needs no second dispatch.
 * An operation with rd = x0 and no other effect is {@link #NOP}, so operations that write rd never
 * see x0; JAL/JALR with rd = x0 are {@link #J}/{@link #JR}. Every integer encoding is checked in
 * full: an encoding the reference decoder rejects is {@link #SLOW}, which then raises the same
 * illegal-instruction trap; F/D arithmetic is checked by {@link FpExecutor} as it executes, exactly
 * as on the reference path.
 *
 * <p>{@link InterpBlocks} rewrites bits 31:23 and, for pc-relative operations, the immediate when
 * it places an instruction in a block (see there).
 */
final class InterpDecoder {
    private InterpDecoder() { }

    static final int SLOW = 0;
    /** Not decoded from an instruction: ends a block (and stops one early when the budget runs out). */
    static final int END = 1;
    static final int NOP = 2;
    /** Loads, in funct3 order (LB + funct3). */
    static final int LB = 3, LH = 4, LW = 5, LD = 6, LBU = 7, LHU = 8, LWU = 9;
    /** Stores, in funct3 order (SB + funct3); rd holds the instruction length. */
    static final int SB = 10, SH = 11, SW = 12, SD = 13;
    /** FP loads and stores: rd (loads) and rs2 (stores) are f registers; stores keep their length in rd. */
    static final int FLW = 14, FLD = 15, FSW = 16, FSD = 17;
    static final int BEQ = 18, BNE = 19, BLT = 20, BGE = 21, BLTU = 22, BGEU = 23;
    static final int JAL = 24, J = 25, JALR = 26, JR = 27, LUI = 28, AUIPC = 29;
    static final int ADDI = 30, SLTI = 31, SLTIU = 32, XORI = 33, ORI = 34, ANDI = 35, SLLI = 36, SRLI = 37, SRAI = 38;
    static final int ADDIW = 39, SLLIW = 40, SRLIW = 41, SRAIW = 42;
    static final int ADD = 43, SUB = 44, SLL = 45, SLT = 46, SLTU = 47, XOR = 48, SRL = 49, SRA = 50, OR = 51, AND = 52;
    static final int MUL = 53, MULH = 54, MULHSU = 55, MULHU = 56, DIV = 57, DIVU = 58, REM = 59, REMU = 60;
    static final int ADDW = 61, SUBW = 62, SLLW = 63, SRLW = 64, SRAW = 65;
    static final int MULW = 66, DIVW = 67, DIVUW = 68, REMW = 69, REMUW = 70;
    /** OP-FP and FMADD/FMSUB/FNMSUB/FNMADD: the immediate is the instruction. */
    static final int FP_OP = 71, FP_FUSED = 72;

    private static final int[] BRANCHES = {BEQ, BNE, SLOW, SLOW, BLT, BGE, BLTU, BGEU};
    private static final int[] OP_IMM = {ADDI, SLOW, SLTI, SLTIU, XORI, SLOW, ORI, ANDI};
    private static final int[] OP_BASE = {ADD, SLL, SLT, SLTU, XOR, SRL, OR, AND};
    private static final int[] OP_MUL = {MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU};
    private static final int[] OP32_MUL = {MULW, SLOW, SLOW, SLOW, DIVW, DIVUW, REMW, REMUW};

    /** Branches, JAL and JALR (J, JR): the last instruction of a block. */
    static boolean isControl(int op) { return op >= BEQ && op <= JR; }

    /** Operations whose immediate is relative to their own pc: branches, JAL, J, AUIPC. */
    static boolean isPcRelative(int op) { return op >= BEQ && op <= BGEU || op == JAL || op == J || op == AUIPC; }

    static int op(long d) { return (int) d & 0xff; }
    static int rd(long d) { return (int) (d >>> 8) & 31; }
    static int rs1(long d) { return (int) (d >>> 13) & 31; }
    static int rs2(long d) { return (int) (d >>> 18) & 31; }
    static int length(long d) { return (int) (d >>> 23) & 7; }
    static long imm(long d) { return d >> 32; }

    /**
     * Decodes the fetched bits: a 32-bit instruction, or a compressed parcel in bits 15:0 (bits
     * 31:16, the next parcel, are ignored then).
     */
    static long decode(int w) {
        if ((w & 3) == 3) return decode32(w, 4);
        int e = Rvc.expand(w & 0xffff);
        return e == 0 ? SLOW : decode32(e, 2);
    }

    private static long pack(int op, int rd, int rs1, int rs2, int len, long imm) {
        return op | (rd << 8) | (rs1 << 13) | (rs2 << 18) | ((long) len << 23) | (imm << 32);
    }

    /** An operation that only writes rd: with rd = x0 it does nothing. */
    private static long write(int op, int i, int len, long imm) {
        int rd = (i >>> 7) & 31;
        if (op == SLOW) return SLOW;
        if (rd == 0) return pack(NOP, 0, 0, 0, len, 0);
        return pack(op, rd, (i >>> 15) & 31, (i >>> 20) & 31, len, imm);
    }

    private static long decode32(int i, int len) {
        int f3 = (i >>> 12) & 7;
        int f7 = i >>> 25;
        int rd = (i >>> 7) & 31;
        int rs1 = (i >>> 15) & 31, rs2 = (i >>> 20) & 31;
        long immI = i >> 20;
        long immS = ((i >> 25) << 5) | ((i >>> 7) & 31);
        switch ((i >>> 2) & 31) {
            case 0x00: // LOAD: into x0 it still accesses memory; the reference path does that
                return f3 == 7 || rd == 0 ? SLOW : pack(LB + f3, rd, rs1, 0, len, immI);
            case 0x01: // LOAD-FP
                return f3 == 2 || f3 == 3 ? pack(FLW + f3 - 2, rd, rs1, 0, len, immI) : SLOW;
            case 0x04: return write(opImm(i, f3), i, len, isShift(f3) ? (i >>> 20) & 63 : immI);
            case 0x05: return write(AUIPC, i, len, i & 0xfffff000);
            case 0x06: return write(opImm32(f3, f7), i, len, f3 == 0 ? immI : (i >>> 20) & 31);
            case 0x08: return f3 > 3 ? SLOW : pack(SB + f3, len, rs1, rs2, len, immS);
            case 0x09: // STORE-FP
                return f3 == 2 || f3 == 3 ? pack(FSW + f3 - 2, len, rs1, rs2, len, immS) : SLOW;
            case 0x0C: return write(op(f3, f7), i, len, 0);
            case 0x0D: return write(LUI, i, len, i & 0xfffff000);
            case 0x0E: return write(op32(f3, f7), i, len, 0);
            case 0x10, 0x11, 0x12, 0x13: return len == 4 ? pack(FP_FUSED, 0, 0, 0, len, i) : SLOW;
            case 0x14: return len == 4 ? pack(FP_OP, 0, 0, 0, len, i) : SLOW;
            case 0x18: {
                int op = BRANCHES[f3];
                return op == SLOW ? SLOW : pack(op, 0, rs1, rs2, len, immB(i));
            }
            case 0x19:
                if (f3 != 0) return SLOW;
                return pack(rd == 0 ? JR : JALR, rd, rs1, 0, len, immI);
            case 0x1B: return pack(rd == 0 ? J : JAL, rd, 0, 0, len, immJ(i));
            default: return SLOW;
        }
    }

    private static boolean isShift(int f3) { return f3 == 1 || f3 == 5; }

    private static int opImm(int i, int f3) {
        int f6 = i >>> 26;
        if (f3 == 1) return f6 == 0 ? SLLI : SLOW;
        if (f3 == 5) return f6 == 0 ? SRLI : f6 == 0x10 ? SRAI : SLOW;
        return OP_IMM[f3];
    }

    private static int opImm32(int f3, int f7) {
        if (f3 == 0) return ADDIW;
        if (f3 == 1) return f7 == 0 ? SLLIW : SLOW;
        if (f3 == 5) return f7 == 0 ? SRLIW : f7 == 0x20 ? SRAIW : SLOW;
        return SLOW;
    }

    private static int op(int f3, int f7) {
        if (f7 == 0x00) return OP_BASE[f3];
        if (f7 == 0x01) return OP_MUL[f3];
        if (f7 == 0x20) return f3 == 0 ? SUB : f3 == 5 ? SRA : SLOW;
        return SLOW;
    }

    private static int op32(int f3, int f7) {
        if (f7 == 0x00) return f3 == 0 ? ADDW : f3 == 1 ? SLLW : f3 == 5 ? SRLW : SLOW;
        if (f7 == 0x01) return OP32_MUL[f3];
        if (f7 == 0x20) return f3 == 0 ? SUBW : f3 == 5 ? SRAW : SLOW;
        return SLOW;
    }

    private static long immB(int i) {
        return ((long) (i >> 31) << 12) | (((i >>> 7) & 1) << 11) | (((i >>> 25) & 0x3f) << 5) | (((i >>> 8) & 0xf) << 1);
    }

    private static long immJ(int i) {
        return ((long) (i >> 31) << 20) | (i & 0xff000) | (((i >>> 20) & 1) << 11) | (((i >>> 21) & 0x3ff) << 1);
    }
}
