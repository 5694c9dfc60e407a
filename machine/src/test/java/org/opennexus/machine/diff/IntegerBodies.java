package org.opennexus.machine.diff;

import java.util.List;

/** RV64I (all ops, loads/stores incl. misaligned, forward branches, jal), M, and Zba/Zbb/Zbs bodies. */
final class IntegerBodies implements BodyGenerator {
    static final List<String> I_RR = List.of("add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
            "addw", "subw", "sllw", "srlw", "sraw");
    static final List<String> I_IMM = List.of("addi", "slti", "sltiu", "xori", "ori", "andi", "addiw");
    static final List<String> I_SH64 = List.of("slli", "srli", "srai");
    static final List<String> I_SH32 = List.of("slliw", "srliw", "sraiw");
    static final List<String> LOADS = List.of("lb:1", "lh:2", "lw:4", "ld:8", "lbu:1", "lhu:2", "lwu:4");
    static final List<String> STORES = List.of("sb:1", "sh:2", "sw:4", "sd:8");
    static final List<String> BRANCHES = List.of("beq", "bne", "blt", "bge", "bltu", "bgeu");
    static final List<String> M_RR = List.of("mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
            "mulw", "divw", "divuw", "remw", "remuw");
    static final List<String> B_RR = List.of("sh1add", "sh2add", "sh3add", "add.uw", "sh1add.uw", "sh2add.uw",
            "sh3add.uw", "andn", "orn", "xnor", "max", "maxu", "min", "minu", "rol", "rolw", "ror", "rorw",
            "bclr", "bext", "binv", "bset");
    static final List<String> B_R1 = List.of("clz", "clzw", "ctz", "ctzw", "cpop", "cpopw", "sext.b", "sext.h",
            "zext.h", "orc.b", "rev8");
    static final List<String> B_SH64 = List.of("slli.uw", "rori", "bclri", "bexti", "binvi", "bseti");

    private final Group group;

    IntegerBodies(Group group) {
        this.group = group;
    }

    @Override
    public void emit(SequenceWriter w) {
        int n = w.range(20, 40);
        while (w.count() < n) {
            if (group == Group.M && w.chance(70)) {
                w.insn(w.pick(M_RR) + " " + w.x() + ", " + w.x() + ", " + w.x());
            } else if (group == Group.ZB && w.chance(70)) {
                zb(w);
            } else {
                base(w, group == Group.I);
            }
        }
        w.close();
    }

    /** One random RV64I instruction; {@code full} adds loads/stores/branches/jal/auipc mixes. */
    static void base(SequenceWriter w, boolean full) {
        int kind = w.rnd.nextInt(full ? 10 : 5);
        switch (kind) {
            case 0, 1 -> w.insn(w.pick(I_RR) + " " + w.x() + ", " + w.x() + ", " + w.x());
            case 2 -> w.insn(w.pick(I_IMM) + " " + w.x() + ", " + w.x() + ", " + w.range(-2048, 2047));
            case 3 -> w.insn(w.chance(50)
                    ? w.pick(I_SH64) + " " + w.x() + ", " + w.x() + ", " + w.range(0, 63)
                    : w.pick(I_SH32) + " " + w.x() + ", " + w.x() + ", " + w.range(0, 31));
            case 4 -> w.insn("lui " + w.x() + ", " + w.range(0, 0xfffff));
            case 5 -> load(w);
            case 6 -> store(w);
            case 7 -> w.insn(w.pick(BRANCHES) + " " + w.x() + ", " + w.x() + ", " + w.forward(w.range(1, 4)));
            case 8 -> w.insn(w.chance(50) ? "auipc " + w.x() + ", " + w.range(0, 0xfffff)
                    : "jal " + w.x() + ", " + w.forward(w.range(1, 3)));
            default -> w.insn(w.pick(I_IMM) + " " + w.x() + ", " + w.x() + ", " + w.pick("0", "-1", "1", "2047", "-2048"));
        }
    }

    static void load(SequenceWriter w) {
        String[] op = w.pick(LOADS).split(":");
        int size = Integer.parseInt(op[1]);
        String base = w.xNonZero();
        w.withScratch(base, 0, op[0] + " " + w.x() + ", " + w.offset(size, true) + "(" + base + ")");
    }

    static void store(SequenceWriter w) {
        String[] op = w.pick(STORES).split(":");
        int size = Integer.parseInt(op[1]);
        String base = w.xNonZero();
        String src = w.x();
        w.withScratch(base, 0, op[0] + " " + src + ", " + w.offset(size, true) + "(" + base + ")");
    }

    private static void zb(SequenceWriter w) {
        switch (w.rnd.nextInt(4)) {
            case 0, 1 -> w.insn(w.pick(B_RR) + " " + w.x() + ", " + w.x() + ", " + w.x());
            case 2 -> {
                String op = w.pick(B_R1);
                if (op.equals("ctzw")) {
                    // QEMU 7.2 bug: ctzw of a value whose low word is zero returns the 64-bit ctz
                    // (e.g. 46 for 1 << 46) instead of 32. Only low words with a set bit are
                    // compared; the zero-low-word case is covered by the nexus-only corpus test
                    // zbb_ctzw.
                    String src = w.xNonZero();
                    w.unit("bseti " + src + ", " + src + ", " + w.range(0, 31), "ctzw " + w.x() + ", " + src);
                } else {
                    w.insn(op + " " + w.x() + ", " + w.x());
                }
            }
            default -> w.insn(w.chance(80)
                    ? w.pick(B_SH64) + " " + w.x() + ", " + w.x() + ", " + w.range(0, 63)
                    : "roriw " + w.x() + ", " + w.x() + ", " + w.range(0, 31));
        }
    }
}
