package org.opennexus.machine.diff;

/** RV64C bodies: every compressed instruction except c.jr/c.jalr/c.ebreak (no backward or indirect flow). */
final class CompressedBodies implements BodyGenerator {

    @Override
    public void emit(SequenceWriter w) {
        w.directive(".option push");
        w.directive(".option rvc");
        int n = w.range(20, 40);
        while (w.count() < n) {
            one(w);
        }
        w.close();
        w.directive(".option pop");
    }

    private static int nz(SequenceWriter w, int lo, int hi) {
        int v;
        do {
            v = w.range(lo, hi);
        } while (v == 0);
        return v;
    }

    private static String xNo02(SequenceWriter w) {
        String r;
        do {
            r = w.xNonZero();
        } while (r.equals("x2"));
        return r;
    }

    private static void one(SequenceWriter w) {
        switch (w.rnd.nextInt(24)) {
            case 0 -> w.insn("c.addi " + w.xNonZero() + ", " + nz(w, -32, 31));
            case 1 -> w.insn("c.addiw " + w.xNonZero() + ", " + w.range(-32, 31));
            case 2 -> w.insn("c.li " + w.xNonZero() + ", " + w.range(-32, 31));
            case 3 -> w.insn("c.lui " + xNo02(w) + ", " + (w.chance(50) ? w.range(1, 31) : w.range(0xfffe0, 0xfffff)));
            case 4 -> w.insn(w.pick("c.srli ", "c.srai ") + w.xc() + ", " + w.range(1, 63));
            case 5 -> w.insn("c.andi " + w.xc() + ", " + w.range(-32, 31));
            case 6 -> w.insn("c.slli " + w.xNonZero() + ", " + w.range(1, 63));
            case 7, 8 -> w.insn(w.pick("c.sub ", "c.xor ", "c.or ", "c.and ", "c.subw ", "c.addw ") + w.xc() + ", " + w.xc());
            case 9 -> w.insn(w.pick("c.mv ", "c.add ") + w.xNonZero() + ", " + w.xNonZero());
            case 10 -> w.insn("c.addi16sp x2, " + 16 * nz(w, -32, 31));
            case 11 -> w.insn("c.addi4spn " + w.xc() + ", x2, " + 4 * w.range(1, 255));
            case 12 -> {
                String b = w.xc();
                w.withScratch(b, 0, w.chance(50) ? "c.lw " + w.xc() + ", " + 4 * w.range(0, 31) + "(" + b + ")"
                        : "c.ld " + w.xc() + ", " + 8 * w.range(0, 31) + "(" + b + ")");
            }
            case 13 -> {
                String b = w.xc();
                w.withScratch(b, 0, w.chance(50) ? "c.sw " + w.xc() + ", " + 4 * w.range(0, 31) + "(" + b + ")"
                        : "c.sd " + w.xc() + ", " + 8 * w.range(0, 31) + "(" + b + ")");
            }
            case 14 -> {
                String b = w.xc();
                w.withScratch(b, 0, (w.chance(50) ? "c.fld " : "c.fsd ") + w.fc() + ", " + 8 * w.range(0, 31) + "(" + b + ")");
            }
            case 15 -> {
                w.withScratch("x2", 0, w.chance(50) ? "c.lwsp " + w.xNonZero() + ", " + 4 * w.range(0, 63) + "(x2)"
                        : "c.ldsp " + w.xNonZero() + ", " + 8 * w.range(0, 63) + "(x2)");
            }
            case 16 -> {
                w.withScratch("x2", 0, w.chance(50) ? "c.swsp " + w.x() + ", " + 4 * w.range(0, 63) + "(x2)"
                        : "c.sdsp " + w.x() + ", " + 8 * w.range(0, 63) + "(x2)");
            }
            case 17 -> {
                w.withScratch("x2", 0, (w.chance(50) ? "c.fldsp " : "c.fsdsp ") + w.f() + ", " + 8 * w.range(0, 63) + "(x2)");
            }
            case 18 -> w.insn((w.chance(50) ? "c.beqz " : "c.bnez ") + w.xc() + ", " + w.forward(w.range(1, 4)));
            case 19 -> w.insn("c.j " + w.forward(w.range(1, 3)));
            case 20 -> w.insn("c.nop");
            default -> w.insn(w.pick("c.add ", "c.mv ") + w.xNonZero() + ", " + w.xNonZero());
        }
    }
}
