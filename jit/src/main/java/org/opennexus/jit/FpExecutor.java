package org.opennexus.jit;

import org.opennexus.jit.fpu.FpFlags;
import org.opennexus.jit.fpu.Fpu;
import org.opennexus.memory.Mmu;

/**
 * F and D instructions (unprivileged spec chapters 11-12): decoding, NaN-boxing, rounding-mode
 * resolution, FS gating and dirtying; arithmetic is delegated to {@link Fpu}. With mstatus.FS=Off
 * every FP instruction is illegal (priv 3.1.6.6). Any write to an f register marks FS dirty, and
 * so does an instruction that only writes an x register but raises a new flag.
 */
final class FpExecutor {
    private final long[] x;
    private final long[] f;
    private final Mmu mmu;
    private final CsrFile csr;
    private final FpFlags flags;

    FpExecutor(Hart hart) {
        this.x = hart.x;
        this.f = hart.f;
        this.mmu = hart.mmu();
        this.csr = hart.csr;
        this.flags = csr.fpFlags;
    }

    private static int rd(int i) { return (i >>> 7) & 31; }
    private static int rs1(int i) { return (i >>> 15) & 31; }
    private static int rs2(int i) { return (i >>> 20) & 31; }
    private static int f3(int i) { return (i >>> 12) & 7; }

    private void enabled(int raw) {
        if (csr.fsOff()) throw CsrFile.illegal(raw);
    }

    /** Resolves the rm field: DYN reads frm; reserved values (5, 6, and frm 5-7) are illegal. */
    private int rm(int i, int raw) {
        int r = f3(i);
        if (r == 7) r = csr.frm;
        if (r > 4) throw CsrFile.illegal(raw);
        return r;
    }

    private void setF(int rd, long v) {
        f[rd] = v;
        csr.markFsDirty();
    }

    private void setS(int rd, int v) { setF(rd, Fpu.boxS(v)); }

    private void setX(int rd, long v, int flagsBefore) {
        if (rd != 0) x[rd] = v;
        if (flags.fflags != flagsBefore) csr.markFsDirty();
    }

    private int s(int r) { return Fpu.unboxS(f[r]); }

    void load(int i, int raw) {
        enabled(raw);
        long a = x[rs1(i)] + (i >> 20);
        switch (f3(i)) {
            case 2 -> setS(rd(i), (int) mmu.load(a, 4));  // FLW
            case 3 -> setF(rd(i), mmu.load(a, 8));        // FLD
            default -> throw CsrFile.illegal(raw);
        }
    }

    void store(int i, int raw) {
        enabled(raw);
        long a = x[rs1(i)] + (((i >> 25) << 5) | ((i >>> 7) & 31));
        switch (f3(i)) {
            case 2 -> mmu.store(a, 4, f[rs2(i)]); // FSW stores the low 32 bits as they are
            case 3 -> mmu.store(a, 8, f[rs2(i)]);
            default -> throw CsrFile.illegal(raw);
        }
    }

    /** FMADD/FMSUB/FNMSUB/FNMADD (.S, .D). */
    void fused(int i, int raw) {
        enabled(raw);
        int fmt = (i >>> 25) & 3;
        int rs3 = i >>> 27;
        int op = (i >>> 2) & 3;
        if (fmt == 0) {
            int rm = rm(i, raw);
            int a = s(rs1(i)), b = s(rs2(i)), c = s(rs3);
            setS(rd(i), switch (op) {
                case 0 -> Fpu.fmaddS(a, b, c, rm, flags);
                case 1 -> Fpu.fmsubS(a, b, c, rm, flags);
                case 2 -> Fpu.fnmsubS(a, b, c, rm, flags);
                default -> Fpu.fnmaddS(a, b, c, rm, flags);
            });
        } else if (fmt == 1) {
            int rm = rm(i, raw);
            long a = f[rs1(i)], b = f[rs2(i)], c = f[rs3];
            setF(rd(i), switch (op) {
                case 0 -> Fpu.fmaddD(a, b, c, rm, flags);
                case 1 -> Fpu.fmsubD(a, b, c, rm, flags);
                case 2 -> Fpu.fnmsubD(a, b, c, rm, flags);
                default -> Fpu.fnmaddD(a, b, c, rm, flags);
            });
        } else {
            throw CsrFile.illegal(raw);
        }
    }

    /** OP-FP major opcode. */
    void op(int i, int raw) {
        enabled(raw);
        int f7 = i >>> 25;
        if ((f7 & 1) == 0) {
            if ((f7 & 2) != 0) throw CsrFile.illegal(raw); // fmt 2 (H) / 3 (Q) not implemented
            opS(i, raw, f7);
        } else {
            if ((f7 & 2) != 0) throw CsrFile.illegal(raw);
            opD(i, raw, f7);
        }
    }

    private void opS(int i, int raw, int f7) {
        int rd = rd(i), r1 = rs1(i), r2 = rs2(i), f3 = f3(i);
        int before = flags.fflags;
        switch (f7) {
            case 0x00 -> setS(rd, Fpu.addS(s(r1), s(r2), rm(i, raw), flags));
            case 0x04 -> setS(rd, Fpu.subS(s(r1), s(r2), rm(i, raw), flags));
            case 0x08 -> setS(rd, Fpu.mulS(s(r1), s(r2), rm(i, raw), flags));
            case 0x0C -> setS(rd, Fpu.divS(s(r1), s(r2), rm(i, raw), flags));
            case 0x2C -> {
                if (r2 != 0) throw CsrFile.illegal(raw);
                setS(rd, Fpu.sqrtS(s(r1), rm(i, raw), flags));
            }
            case 0x10 -> { // FSGNJ.S / FSGNJN.S / FSGNJX.S on NaN-unboxed inputs
                int a = s(r1), b = s(r2);
                setS(rd, switch (f3) {
                    case 0 -> (a & 0x7fffffff) | (b & 0x80000000);
                    case 1 -> (a & 0x7fffffff) | (~b & 0x80000000);
                    case 2 -> a ^ (b & 0x80000000);
                    default -> throw CsrFile.illegal(raw);
                });
            }
            case 0x14 -> {
                if (f3 == 0) setS(rd, Fpu.minS(s(r1), s(r2), flags));
                else if (f3 == 1) setS(rd, Fpu.maxS(s(r1), s(r2), flags));
                else throw CsrFile.illegal(raw);
            }
            case 0x20 -> { // FCVT.S.D
                if (r2 != 1) throw CsrFile.illegal(raw);
                setS(rd, Fpu.cvtSD(f[r1], rm(i, raw), flags));
            }
            case 0x50 -> setX(rd, switch (f3) {
                case 0 -> Fpu.leS(s(r1), s(r2), flags);
                case 1 -> Fpu.ltS(s(r1), s(r2), flags);
                case 2 -> Fpu.eqS(s(r1), s(r2), flags);
                default -> throw CsrFile.illegal(raw);
            }, before);
            case 0x60 -> {
                int rm = rm(i, raw);
                setX(rd, switch (r2) {
                    case 0 -> (int) Fpu.cvtWS(s(r1), rm, flags);
                    case 1 -> (int) Fpu.cvtWUS(s(r1), rm, flags);
                    case 2 -> Fpu.cvtLS(s(r1), rm, flags);
                    case 3 -> Fpu.cvtLUS(s(r1), rm, flags);
                    default -> throw CsrFile.illegal(raw);
                }, before);
            }
            case 0x68 -> {
                int rm = rm(i, raw);
                long v = x[r1];
                setS(rd, switch (r2) {
                    case 0 -> Fpu.cvtSW((int) v, rm, flags);
                    case 1 -> Fpu.cvtSWU(v & 0xffff_ffffL, rm, flags);
                    case 2 -> Fpu.cvtSL(v, rm, flags);
                    case 3 -> Fpu.cvtSLU(v, rm, flags);
                    default -> throw CsrFile.illegal(raw);
                });
            }
            case 0x70 -> {
                if (r2 != 0) throw CsrFile.illegal(raw);
                if (f3 == 0) setX(rd, (int) f[r1], before);          // FMV.X.W: raw low bits, sign-extended
                else if (f3 == 1) setX(rd, Fpu.classS(s(r1)), before); // FCLASS.S
                else throw CsrFile.illegal(raw);
            }
            case 0x78 -> { // FMV.W.X
                if (r2 != 0 || f3 != 0) throw CsrFile.illegal(raw);
                setS(rd, (int) x[r1]);
            }
            default -> throw CsrFile.illegal(raw);
        }
    }

    private void opD(int i, int raw, int f7) {
        int rd = rd(i), r1 = rs1(i), r2 = rs2(i), f3 = f3(i);
        int before = flags.fflags;
        long[] f = this.f;
        switch (f7) {
            case 0x01 -> setF(rd, Fpu.addD(f[r1], f[r2], rm(i, raw), flags));
            case 0x05 -> setF(rd, Fpu.subD(f[r1], f[r2], rm(i, raw), flags));
            case 0x09 -> setF(rd, Fpu.mulD(f[r1], f[r2], rm(i, raw), flags));
            case 0x0D -> setF(rd, Fpu.divD(f[r1], f[r2], rm(i, raw), flags));
            case 0x2D -> {
                if (r2 != 0) throw CsrFile.illegal(raw);
                setF(rd, Fpu.sqrtD(f[r1], rm(i, raw), flags));
            }
            case 0x11 -> {
                long a = f[r1], b = f[r2];
                setF(rd, switch (f3) {
                    case 0 -> (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
                    case 1 -> (a & Long.MAX_VALUE) | (~b & Long.MIN_VALUE);
                    case 2 -> a ^ (b & Long.MIN_VALUE);
                    default -> throw CsrFile.illegal(raw);
                });
            }
            case 0x15 -> {
                if (f3 == 0) setF(rd, Fpu.minD(f[r1], f[r2], flags));
                else if (f3 == 1) setF(rd, Fpu.maxD(f[r1], f[r2], flags));
                else throw CsrFile.illegal(raw);
            }
            case 0x21 -> { // FCVT.D.S
                if (r2 != 0) throw CsrFile.illegal(raw);
                setF(rd, Fpu.cvtDS(s(r1), rm(i, raw), flags));
            }
            case 0x51 -> setX(rd, switch (f3) {
                case 0 -> Fpu.leD(f[r1], f[r2], flags);
                case 1 -> Fpu.ltD(f[r1], f[r2], flags);
                case 2 -> Fpu.eqD(f[r1], f[r2], flags);
                default -> throw CsrFile.illegal(raw);
            }, before);
            case 0x61 -> {
                int rm = rm(i, raw);
                setX(rd, switch (r2) {
                    case 0 -> (int) Fpu.cvtWD(f[r1], rm, flags);
                    case 1 -> (int) Fpu.cvtWUD(f[r1], rm, flags);
                    case 2 -> Fpu.cvtLD(f[r1], rm, flags);
                    case 3 -> Fpu.cvtLUD(f[r1], rm, flags);
                    default -> throw CsrFile.illegal(raw);
                }, before);
            }
            case 0x69 -> {
                int rm = rm(i, raw);
                long v = x[r1];
                setF(rd, switch (r2) {
                    case 0 -> Fpu.cvtDW((int) v, rm, flags);
                    case 1 -> Fpu.cvtDWU(v & 0xffff_ffffL, rm, flags);
                    case 2 -> Fpu.cvtDL(v, rm, flags);
                    case 3 -> Fpu.cvtDLU(v, rm, flags);
                    default -> throw CsrFile.illegal(raw);
                });
            }
            case 0x71 -> {
                if (r2 != 0) throw CsrFile.illegal(raw);
                if (f3 == 0) setX(rd, f[r1], before);                 // FMV.X.D
                else if (f3 == 1) setX(rd, Fpu.classD(f[r1]), before); // FCLASS.D
                else throw CsrFile.illegal(raw);
            }
            case 0x79 -> { // FMV.D.X
                if (r2 != 0 || f3 != 0) throw CsrFile.illegal(raw);
                setF(rd, x[r1]);
            }
            default -> throw CsrFile.illegal(raw);
        }
    }

}
