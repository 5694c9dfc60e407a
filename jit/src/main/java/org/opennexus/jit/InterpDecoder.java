package org.opennexus.jit;

/**
 * Pre-decodes the instructions the interpreter's fast path executes itself: RV64I (without FENCE,
 * SYSTEM), M, and C through {@link Rvc} expansion. {@link #decode} is a pure function of the
 * fetched bits, so a cached result is valid wherever the same bits are fetched again (the
 * interpreter's decode cache keeps the bits as its tag and needs no invalidation).
 *
 * <p>Result layout (one {@code long}): bits 7:0 the operation ({@link #SLOW} for anything not
 * listed here: reserved encodings, FP other than FLW/FLD/FSW/FSD, A, Zicsr, Zb*, FENCE, SYSTEM,
 * loads into x0), 12:8 rd,
 * 17:13 rs1, 22:18 rs2, 25:23 the instruction length (2 or 4), 63:32 the immediate (sign-extended;
 * the shift amount for shifts by immediate). An operation with rd = x0 and no other effect is
 * {@link #NOP}, so operations that write rd never see x0; JAL/JALR with rd = x0 are {@link #J}/{@link #JR}.
 * Every encoding is checked in full: an encoding the reference decoder rejects is {@link #SLOW},
 * which then raises the same illegal-instruction trap.
 */
final class InterpDecoder {
    private InterpDecoder() { }

    static final int SLOW = 0, NOP = 1;
    /** Loads: rs2 holds log2(size) in bits 1:0 and "zero-extend" in bit 2 (funct3 of LB..LWU). */
    static final int LOAD = 2;
    /** Stores: rd holds log2(size) (funct3 of SB..SD). */
    static final int STORE = 3;
    /** FLW/FLD: rs2 holds funct3 (2 or 3, log2(size)); rd is an f register. */
    static final int FLOAD = 57;
    /** FSW/FSD: rd holds funct3 (2 or 3, log2(size)); rs2 is an f register. */
    static final int FSTORE = 58;
    static final int BEQ = 4, BNE = 5, BLT = 6, BGE = 7, BLTU = 8, BGEU = 9;
    static final int JAL = 10, J = 11, JALR = 12, JR = 13, LUI = 14, AUIPC = 15;
    static final int ADDI = 16, SLTI = 17, SLTIU = 18, XORI = 19, ORI = 20, ANDI = 21, SLLI = 22, SRLI = 23, SRAI = 24;
    static final int ADDIW = 25, SLLIW = 26, SRLIW = 27, SRAIW = 28;
    static final int ADD = 29, SUB = 30, SLL = 31, SLT = 32, SLTU = 33, XOR = 34, SRL = 35, SRA = 36, OR = 37, AND = 38;
    static final int MUL = 39, MULH = 40, MULHSU = 41, MULHU = 42, DIV = 43, DIVU = 44, REM = 45, REMU = 46;
    static final int ADDW = 47, SUBW = 48, SLLW = 49, SRLW = 50, SRAW = 51;
    static final int MULW = 52, DIVW = 53, DIVUW = 54, REMW = 55, REMUW = 56;

    private static final int[] BRANCHES = {BEQ, BNE, SLOW, SLOW, BLT, BGE, BLTU, BGEU};
    private static final int[] OP_IMM = {ADDI, SLOW, SLTI, SLTIU, XORI, SLOW, ORI, ANDI};
    private static final int[] OP_BASE = {ADD, SLL, SLT, SLTU, XOR, SRL, OR, AND};
    private static final int[] OP_MUL = {MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU};
    private static final int[] OP32_MUL = {MULW, SLOW, SLOW, SLOW, DIVW, DIVUW, REMW, REMUW};

    /** Branches, JAL and JALR (J, JR): the last instruction of a block. */
    static boolean isControl(int op) { return op >= BEQ && op <= JR; }

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
        long immI = i >> 20;
        switch ((i >>> 2) & 31) {
            case 0x00: // LOAD: into x0 it still accesses memory; the reference path does that
                return f3 == 7 || rd == 0 ? SLOW : pack(LOAD, rd, (i >>> 15) & 31, f3, len, immI);
            case 0x04: return write(opImm(i, f3), i, len, isShift(f3) ? (i >>> 20) & 63 : immI);
            case 0x01: // LOAD-FP
                return f3 == 2 || f3 == 3 ? pack(FLOAD, rd, (i >>> 15) & 31, f3, len, immI) : SLOW;
            case 0x05: return write(AUIPC, i, len, i & 0xfffff000);
            case 0x06: return write(opImm32(f3, f7), i, len, f3 == 0 ? immI : (i >>> 20) & 31);
            case 0x08: {
                long immS = ((i >> 25) << 5) | ((i >>> 7) & 31);
                return f3 > 3 ? SLOW : pack(STORE, f3, (i >>> 15) & 31, (i >>> 20) & 31, len, immS);
            }
            case 0x09: { // STORE-FP
                long immS = ((i >> 25) << 5) | ((i >>> 7) & 31);
                return f3 == 2 || f3 == 3 ? pack(FSTORE, f3, (i >>> 15) & 31, (i >>> 20) & 31, len, immS) : SLOW;
            }
            case 0x0C: return write(op(f3, f7), i, len, 0);
            case 0x0D: return write(LUI, i, len, i & 0xfffff000);
            case 0x0E: return write(op32(f3, f7), i, len, 0);
            case 0x18: {
                int op = BRANCHES[f3];
                return op == SLOW ? SLOW : pack(op, 0, (i >>> 15) & 31, (i >>> 20) & 31, len, immB(i));
            }
            case 0x19:
                if (f3 != 0) return SLOW;
                return pack(rd == 0 ? JR : JALR, rd, (i >>> 15) & 31, 0, len, immI);
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
