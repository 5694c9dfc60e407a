package org.opennexus.machine.diff;

import java.util.List;

/**
 * F or D bodies: arithmetic with random static rounding modes (and dyn, with frm set randomly per
 * sequence), fused ops, sqrt, min/max, sign injection, compares, fclass, conversions both ways,
 * moves, FP loads/stores, fflags reads; a few integer ops keep the conversion sources varied.
 */
final class FloatBodies implements BodyGenerator {
    private final boolean dbl;
    private final String s;

    FloatBodies(boolean dbl) {
        this.dbl = dbl;
        this.s = dbl ? ".d" : ".s";
    }

    static final List<String> ARITH = List.of("fadd", "fsub", "fmul", "fdiv");
    static final List<String> FMA = List.of("fmadd", "fmsub", "fnmadd", "fnmsub");
    static final List<String> NO_RM = List.of("fmin", "fmax", "fsgnj", "fsgnjn", "fsgnjx");
    static final List<String> CMP = List.of("feq", "flt", "fle");
    static final List<String> TO_INT = List.of("w", "wu", "l", "lu");

    @Override
    public void emit(SequenceWriter w) {
        int n = w.range(20, 40);
        while (w.count() < n) {
            int kind = w.rnd.nextInt(16);
            switch (kind) {
                case 0, 1, 2 -> w.insn(w.pick(ARITH) + s + " " + w.f() + ", " + w.f() + ", " + w.f() + ", " + w.rm());
                case 3, 4 -> w.insn(w.pick(FMA) + s + " " + w.f() + ", " + w.f() + ", " + w.f() + ", " + w.f() + ", " + w.rm());
                case 5 -> w.insn("fsqrt" + s + " " + w.f() + ", " + w.f() + ", " + w.rm());
                case 6 -> w.insn(w.pick(NO_RM) + s + " " + w.f() + ", " + w.f() + ", " + w.f());
                case 7 -> w.insn(w.pick(CMP) + s + " " + w.x() + ", " + w.f() + ", " + w.f());
                case 8 -> w.insn("fclass" + s + " " + w.x() + ", " + w.f());
                case 9 -> w.insn("fcvt." + w.pick(TO_INT) + s + " " + w.x() + ", " + w.f() + ", " + w.rm());
                case 10 -> fromInt(w);
                case 11 -> moves(w);
                case 12 -> memory(w);
                case 13 -> convertWidth(w);
                case 14 -> w.insn(switch (w.rnd.nextInt(5)) {
                    case 0 -> "csrr " + w.x() + ", fflags";
                    case 1 -> "csrrs " + w.x() + ", fcsr, x0";
                    case 2 -> "csrrwi " + w.x() + ", frm, " + w.range(0, 4);      // 5..7 would make dyn illegal
                    case 3 -> "csrrwi " + w.x() + ", fflags, " + w.range(0, 31);
                    default -> "csrrci " + w.x() + ", fflags, " + w.range(0, 31);
                });
                default -> IntegerBodies.base(w, false);
            }
        }
        w.close();
    }

    private void fromInt(SequenceWriter w) {
        String t = w.pick(TO_INT);
        boolean exact = dbl && (t.equals("w") || t.equals("wu"));
        w.insn("fcvt" + s + "." + t + " " + w.f() + ", " + w.x() + (exact ? "" : ", " + w.rm()));
    }

    private void moves(SequenceWriter w) {
        if (dbl) {
            w.insn(w.chance(50) ? "fmv.x.d " + w.x() + ", " + w.f() : "fmv.d.x " + w.f() + ", " + w.x());
        } else {
            w.insn(w.chance(50) ? "fmv.x.w " + w.x() + ", " + w.f() : "fmv.w.x " + w.f() + ", " + w.x());
        }
    }

    private void memory(SequenceWriter w) {
        boolean wide = dbl ? !w.chance(20) : w.chance(20);
        int size = wide ? 8 : 4;
        String base = w.xNonZero();
        String op = w.chance(50) ? (wide ? "fld " : "flw ") : (wide ? "fsd " : "fsw ");
        w.withScratch(base, 0, op + w.f() + ", " + w.offset(size, true) + "(" + base + ")");
    }

    private void convertWidth(SequenceWriter w) {
        if (dbl) {
            w.insn(w.chance(50) ? "fcvt.s.d " + w.f() + ", " + w.f() + ", " + w.rm() : "fcvt.d.s " + w.f() + ", " + w.f());
        } else {
            // single ops on a double-written register see an improperly NaN-boxed value
            w.insn("fmv.d.x " + w.f() + ", " + w.x());
        }
    }
}
