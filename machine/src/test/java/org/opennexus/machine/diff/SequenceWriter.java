package org.opennexus.machine.diff;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Assembly text of one sequence body, with forward-only branch targets: a label requested
 * {@code distance} instructions ahead is placed after that many more instructions (or at the end).
 */
final class SequenceWriter {
    /** Scratch memory every load/store/AMO of a sequence stays inside (aligned, 512 bytes). */
    static final int SCRATCH_BYTES = 512;

    final RandomGenerator rnd;
    private final String prefix;
    private final StringBuilder out;
    private final List<int[]> pending = new ArrayList<>(); // {label id, instructions left}
    private int labels;
    private int count;

    SequenceWriter(RandomGenerator rnd, String prefix, StringBuilder out) {
        this.rnd = rnd;
        this.prefix = prefix;
        this.out = out;
    }

    /** One instruction (or pseudo-instruction) of the body. */
    void insn(String text) {
        out.append("  ").append(text).append('\n');
        tick();
    }

    /**
     * Sets {@code base} to the scratch area (plus {@code offset}) and emits {@code access} right
     * after it, as one unit: no branch target can fall between them.
     */
    void withScratch(String base, int offset, String access) {
        out.append("  la ").append(base).append(", diff_scratch").append(offset == 0 ? "" : " + " + offset).append('\n');
        out.append("  ").append(access).append('\n');
        tick();
    }

    /** Several instructions emitted as one unit (no branch target falls between them). */
    void unit(String... lines) {
        for (String l : lines) {
            out.append("  ").append(l).append('\n');
        }
        tick();
    }

    private void tick() {
        count++;
        for (Iterator<int[]> it = pending.iterator(); it.hasNext(); ) {
            int[] p = it.next();
            if (--p[1] == 0) {
                out.append(label(p[0])).append(":\n");
                it.remove();
            }
        }
    }

    /** An assembler directive (no instruction). */
    void directive(String text) {
        out.append("  ").append(text).append('\n');
    }

    /** A label placed {@code distance} (1..) instructions after the next instruction. */
    String forward(int distance) {
        int id = labels++;
        pending.add(new int[] {id, distance + 1});
        return label(id);
    }

    /** Places every label still pending. */
    void close() {
        for (int[] p : pending) {
            out.append(label(p[0])).append(":\n");
        }
        pending.clear();
    }

    int count() {
        return count;
    }

    private String label(int id) {
        return prefix + "_l" + id;
    }

    // ---- random operands

    int range(int lo, int hiInclusive) {
        return lo + rnd.nextInt(hiInclusive - lo + 1);
    }

    boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    <T> T pick(List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    String pick(String... items) {
        return items[rnd.nextInt(items.length)];
    }

    /** Any integer register, x0 rarely. */
    String x() {
        return "x" + (chance(3) ? 0 : range(1, 31));
    }

    /** Any integer register but x0. */
    String xNonZero() {
        return "x" + range(1, 31);
    }

    /** A compressed-form register x8..x15. */
    String xc() {
        return "x" + range(8, 15);
    }

    String f() {
        return "f" + range(0, 31);
    }

    String fc() {
        return "f" + range(8, 15);
    }

    /** A static rounding mode operand, dyn included. */
    String rm() {
        return pick("rne", "rtz", "rdn", "rup", "rmm", "dyn");
    }

    /** An offset into scratch for an access of {@code size} bytes, naturally aligned unless allowed otherwise. */
    int offset(int size, boolean misalignedOk) {
        int off = rnd.nextInt(SCRATCH_BYTES - size + 1);
        return misalignedOk && chance(25) ? off : off & -size;
    }
}
