package org.opennexus.machine.diff;

import java.util.List;

/** RV64A bodies: every AMO in .w/.d with aq/rl variants, LR/SC pairs to the same address, plus I. */
final class AtomicBodies implements BodyGenerator {
    static final List<String> AMOS = List.of("amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax",
            "amominu", "amomaxu");
    static final List<String> ORDER = List.of("", ".aq", ".rl", ".aqrl");

    @Override
    public void emit(SequenceWriter w) {
        int n = w.range(20, 40);
        while (w.count() < n) {
            int kind = w.rnd.nextInt(10);
            if (kind < 5) {
                amo(w);
            } else if (kind < 7) {
                lrsc(w);
            } else if (kind == 7) {
                IntegerBodies.load(w);
            } else if (kind == 8) {
                IntegerBodies.store(w);
            } else {
                IntegerBodies.base(w, false);
            }
        }
        w.close();
    }

    private static void amo(SequenceWriter w) {
        String width = w.pick(".w", ".d");
        int size = width.equals(".w") ? 4 : 8;
        String base = w.xNonZero();
        w.withScratch(base, w.offset(size, false), w.pick(AMOS) + width + w.pick(ORDER) + " " + w.x() + ", " + w.x() + ", (" + base + ")");
    }

    /**
     * LR then SC to the same address with nothing in between (QEMU 7.2 and nexus must both succeed),
     * sometimes followed by a second SC that must fail (the first consumed the reservation).
     */
    private static void lrsc(SequenceWriter w) {
        String width = w.pick(".w", ".d");
        int size = width.equals(".w") ? 4 : 8;
        String base = w.xNonZero();
        String rd;
        do {
            rd = w.x();
        } while (rd.equals(base));
        w.withScratch(base, w.offset(size, false), "lr" + width + w.pick(ORDER) + " " + rd + ", (" + base + ")");
        String rd2;
        do {
            rd2 = w.x();
        } while (rd2.equals(base));
        w.insn("sc" + width + w.pick(ORDER) + " " + rd2 + ", " + w.x() + ", (" + base + ")");
        if (w.chance(30)) {
            w.insn("sc" + width + " " + w.x() + ", " + w.x() + ", (" + base + ")");
        }
    }
}
