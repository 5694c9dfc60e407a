package org.opennexus.jit;

/**
 * Expands 16-bit RV64C instructions to their 32-bit equivalents (unprivileged spec 20191213,
 * chapter 16, tables 16.4-16.7). The whole 64 Ki parcel space is expanded once into a table, so
 * decoding a compressed instruction is one array load. Reserved encodings expand to 0, which is
 * never a valid 32-bit instruction; HINTs expand to their architectural no-op form.
 */
public final class Rvc {
    private static final int[] TABLE = new int[1 << 16];

    static {
        for (int p = 0; p < TABLE.length; p++) {
            TABLE[p] = (p & 3) == 3 ? 0 : expandSlow(p);
        }
    }

    private Rvc() { }

    /** The 32-bit instruction a compressed parcel stands for, or 0 if the parcel is reserved/illegal. */
    public static int expand(int parcel) {
        return TABLE[parcel & 0xffff];
    }

    // --- 32-bit encoders ---
    static int rType(int f7, int rs2, int rs1, int f3, int rd, int op) {
        return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
    }

    static int iType(int imm, int rs1, int f3, int rd, int op) {
        return ((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
    }

    static int sType(int imm, int rs2, int rs1, int f3, int op) {
        return (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op;
    }

    static int bType(int imm, int rs2, int rs1, int f3) {
        return (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15)
                | (f3 << 12) | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63;
    }

    static int jType(int imm, int rd) {
        return (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20)
                | (((imm >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
    }

    private static int bit(int p, int b) { return (p >> b) & 1; }
    private static int bits(int p, int hi, int lo) { return (p >> lo) & ((1 << (hi - lo + 1)) - 1); }
    private static int sext(int v, int width) { return (v << (32 - width)) >> (32 - width); }

    private static final int LOAD = 0x03, LOAD_FP = 0x07, OP_IMM = 0x13, OP_IMM_32 = 0x1b, STORE = 0x23,
            STORE_FP = 0x27, OP = 0x33, LUI = 0x37, OP_32 = 0x3b, JALR = 0x67, SYSTEM = 0x73;

    static int expandSlow(int p) {
        int op = p & 3;
        int f3 = bits(p, 15, 13);
        int rdp = bits(p, 4, 2) + 8;   // rd' / rs2'
        int rs1p = bits(p, 9, 7) + 8;  // rs1' / rd'
        int rd = bits(p, 11, 7);
        int rs2 = bits(p, 6, 2);
        int imm6 = sext((bit(p, 12) << 5) | bits(p, 6, 2), 6);
        switch (op) {
            case 0 -> {
                int ldOff = (bits(p, 12, 10) << 3) | (bits(p, 6, 5) << 6);        // C.LD/C.FLD/C.SD/C.FSD
                int lwOff = (bits(p, 12, 10) << 3) | (bit(p, 6) << 2) | (bit(p, 5) << 6); // C.LW/C.SW
                switch (f3) {
                    case 0 -> { // C.ADDI4SPN
                        int nz = (bits(p, 12, 11) << 4) | (bits(p, 10, 7) << 6) | (bit(p, 6) << 2) | (bit(p, 5) << 3);
                        return nz == 0 ? 0 : iType(nz, 2, 0, rdp, OP_IMM);
                    }
                    case 1 -> { return iType(ldOff, rs1p, 3, rdp, LOAD_FP); }  // C.FLD
                    case 2 -> { return iType(lwOff, rs1p, 2, rdp, LOAD); }     // C.LW
                    case 3 -> { return iType(ldOff, rs1p, 3, rdp, LOAD); }     // C.LD
                    case 5 -> { return sType(ldOff, rdp, rs1p, 3, STORE_FP); } // C.FSD
                    case 6 -> { return sType(lwOff, rdp, rs1p, 2, STORE); }    // C.SW
                    case 7 -> { return sType(ldOff, rdp, rs1p, 3, STORE); }    // C.SD
                    default -> { return 0; } // 4: reserved
                }
            }
            case 1 -> {
                switch (f3) {
                    case 0 -> { return iType(imm6, rd, 0, rd, OP_IMM); } // C.ADDI / C.NOP (HINTs included)
                    case 1 -> { return rd == 0 ? 0 : iType(imm6, rd, 0, rd, OP_IMM_32); } // C.ADDIW
                    case 2 -> { return iType(imm6, 0, 0, rd, OP_IMM); } // C.LI
                    case 3 -> {
                        if (rd == 2) { // C.ADDI16SP
                            int nz = sext((bit(p, 12) << 9) | (bit(p, 6) << 4) | (bit(p, 5) << 6)
                                    | (bits(p, 4, 3) << 7) | (bit(p, 2) << 5), 10);
                            return nz == 0 ? 0 : iType(nz, 2, 0, 2, OP_IMM);
                        }
                        if (imm6 == 0) return 0; // C.LUI with nzimm=0 is reserved
                        return ((imm6 & 0xfffff) << 12) | (rd << 7) | LUI; // C.LUI (rd=0: HINT)
                    }
                    case 4 -> {
                        int sh = (bit(p, 12) << 5) | bits(p, 6, 2);
                        switch (bits(p, 11, 10)) {
                            case 0 -> { return iType(sh, rs1p, 5, rs1p, OP_IMM); }          // C.SRLI
                            case 1 -> { return iType(0x400 | sh, rs1p, 5, rs1p, OP_IMM); }  // C.SRAI
                            case 2 -> { return iType(imm6, rs1p, 7, rs1p, OP_IMM); }        // C.ANDI
                            default -> {
                                int f2 = bits(p, 6, 5);
                                if (bit(p, 12) == 0) {
                                    return switch (f2) {
                                        case 0 -> rType(0x20, rdp, rs1p, 0, rs1p, OP); // C.SUB
                                        case 1 -> rType(0, rdp, rs1p, 4, rs1p, OP);    // C.XOR
                                        case 2 -> rType(0, rdp, rs1p, 6, rs1p, OP);    // C.OR
                                        default -> rType(0, rdp, rs1p, 7, rs1p, OP);   // C.AND
                                    };
                                }
                                return switch (f2) {
                                    case 0 -> rType(0x20, rdp, rs1p, 0, rs1p, OP_32); // C.SUBW
                                    case 1 -> rType(0, rdp, rs1p, 0, rs1p, OP_32);    // C.ADDW
                                    default -> 0;                                      // reserved
                                };
                            }
                        }
                    }
                    case 5 -> { // C.J
                        int off = sext((bit(p, 12) << 11) | (bit(p, 11) << 4) | (bits(p, 10, 9) << 8)
                                | (bit(p, 8) << 10) | (bit(p, 7) << 6) | (bit(p, 6) << 7)
                                | (bits(p, 5, 3) << 1) | (bit(p, 2) << 5), 12);
                        return jType(off, 0);
                    }
                    default -> { // 6: C.BEQZ, 7: C.BNEZ
                        int off = sext((bit(p, 12) << 8) | (bits(p, 11, 10) << 3) | (bits(p, 6, 5) << 6)
                                | (bits(p, 4, 3) << 1) | (bit(p, 2) << 5), 9);
                        return bType(off, 0, rs1p, f3 == 6 ? 0 : 1);
                    }
                }
            }
            default -> { // quadrant 2
                switch (f3) {
                    case 0 -> { return iType((bit(p, 12) << 5) | bits(p, 6, 2), rd, 1, rd, OP_IMM); } // C.SLLI
                    case 1 -> { // C.FLDSP
                        int off = (bit(p, 12) << 5) | (bits(p, 6, 5) << 3) | (bits(p, 4, 2) << 6);
                        return iType(off, 2, 3, rd, LOAD_FP);
                    }
                    case 2 -> { // C.LWSP
                        int off = (bit(p, 12) << 5) | (bits(p, 6, 4) << 2) | (bits(p, 3, 2) << 6);
                        return rd == 0 ? 0 : iType(off, 2, 2, rd, LOAD);
                    }
                    case 3 -> { // C.LDSP
                        int off = (bit(p, 12) << 5) | (bits(p, 6, 5) << 3) | (bits(p, 4, 2) << 6);
                        return rd == 0 ? 0 : iType(off, 2, 3, rd, LOAD);
                    }
                    case 4 -> {
                        if (bit(p, 12) == 0) {
                            if (rs2 == 0) return rd == 0 ? 0 : iType(0, rd, 0, 0, JALR); // C.JR
                            return rType(0, rs2, 0, 0, rd, OP);                          // C.MV
                        }
                        if (rs2 == 0) {
                            if (rd == 0) return 0x00100073;                 // C.EBREAK
                            return iType(0, rd, 0, 1, JALR);                // C.JALR
                        }
                        return rType(0, rs2, rd, 0, rd, OP);                // C.ADD
                    }
                    case 5 -> { // C.FSDSP
                        int off = (bits(p, 12, 10) << 3) | (bits(p, 9, 7) << 6);
                        return sType(off, rs2, 2, 3, STORE_FP);
                    }
                    case 6 -> { // C.SWSP
                        int off = (bits(p, 12, 9) << 2) | (bits(p, 8, 7) << 6);
                        return sType(off, rs2, 2, 2, STORE);
                    }
                    default -> { // C.SDSP
                        int off = (bits(p, 12, 10) << 3) | (bits(p, 9, 7) << 6);
                        return sType(off, rs2, 2, 3, STORE);
                    }
                }
            }
        }
    }
}
