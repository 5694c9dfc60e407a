package org.opennexus.jit;

/**
 * A region of guest code translated to JVM bytecode (a hidden class extending this one).
 *
 * <p>A unit covers straight-line and looping code inside one 4 KiB guest page, starting at a
 * RAM offset. {@link #exec} runs it from its first instruction with the guest registers of
 * {@code h} and returns at an exit: {@code h.pc} then holds the next guest pc, the retired
 * instructions have been added to the hart, and the return value is the index of the static exit
 * taken ({@link #DYNAMIC_EXIT} for computed targets such as {@code jalr}). A synchronous trap
 * leaves registers, {@code h.pc} (= the trapping instruction) and the counters as the interpreter
 * would, and the {@code Trap} propagates to the caller.
 */
public abstract class TranslatedUnit {
    public static final int DYNAMIC_EXIT = -1;

    /** RAM offset of the first instruction. */
    final long ramOffset;
    /**
     * Virtual pc of the first instruction: the code bakes in pcs (auipc, jal links, exits), so a
     * unit serves only this pc, even where the same RAM is mapped at other virtual addresses.
     */
    final long startPc;
    /** Bytes of guest code covered, from ramOffset. */
    final int codeBytes;
    /** Guest instructions in the region (statistics). */
    final int instructions;
    /** Cleared when the guest writes the code's page; a cleared unit is never entered again. */
    volatile boolean valid = true;
    /** Chaining: for each static exit, the unit last found at its target and that target's pc. */
    final TranslatedUnit[] successor;
    final long[] successorPc;

    /**
     * Indirect-jump profile (see {@link TranslatingEngine}): RAM offsets, relative to ramOffset, of
     * targets inside this unit's page that its dynamic exits reached; the unit is translated again
     * with them as in-region jalr targets once they are hot. Touched only by the hart that runs the
     * unit's dispatcher; a racing second hart can at worst lose a sample.
     */
    final int[] indirectSeen = new int[INDIRECT_TARGETS];
    int indirectSeenCount;
    /** Dynamic exits into this unit's page since the last retranslation request. */
    int indirectSamples;
    /** Targets of indirectSeen this unit was translated with (they lead the array). */
    int indirectBuiltWith;
    /** How many times this region was translated with indirect targets before (bounds retranslation). */
    int generation;

    /** At most this many distinct indirect targets are profiled per unit. */
    static final int INDIRECT_TARGETS = 32;

    /**
     * Records a dynamic exit to {@code delta} bytes after the unit's start (same page). Returns true
     * when the unit should be translated again: {@code hot} samples were taken and a target is
     * new since the last translation.
     */
    boolean noteIndirect(int delta, int hot) {
        boolean present = false;
        for (int k = 0; k < indirectSeenCount; k++) {
            if (indirectSeen[k] == delta) { present = true; break; }
        }
        if (!present && indirectSeenCount < INDIRECT_TARGETS) indirectSeen[indirectSeenCount++] = delta;
        if (++indirectSamples < hot) return false;
        indirectSamples = 0;
        return indirectSeenCount > indirectBuiltWith;
    }

    protected TranslatedUnit(long ramOffset, long startPc, int codeBytes, int instructions, int staticExits) {
        this.ramOffset = ramOffset;
        this.startPc = startPc;
        this.codeBytes = codeBytes;
        this.instructions = instructions;
        this.successor = new TranslatedUnit[staticExits];
        this.successorPc = new long[staticExits];
    }

    /** Runs the unit; at most about {@code budget} instructions before it exits at a loop back-edge. */
    public abstract int exec(Hart h, int budget);

    @Override
    public String toString() {
        return "unit@ram+0x" + Long.toHexString(ramOffset) + "[" + instructions + " insns]";
    }
}
