package org.opennexus.jit;

import org.opennexus.memory.Mmu;
import org.opennexus.memory.Tlb;

/**
 * One hart's dispatcher for the translator: runs translated units where they exist, interprets
 * elsewhere, and translates code once it has been reached {@link CodeCache#hotThreshold} times.
 *
 * <p>Finding the unit for a pc: the fetch TLB of the current context gives the RAM offset of pc
 * (this is also the execute-permission check: the interpreter filled the entry when it fetched
 * there); a direct-mapped per-hart jump cache maps (pc, RAM offset) to the unit; on a miss the
 * shared {@link CodeCache} is consulted. A unit's static exits remember the unit found at their
 * target last time (chaining), which skips the jump-cache probe. Every path re-checks
 * {@link TranslatedUnit#valid} and the fetch translation, so satp writes, sfence.vma, privilege
 * changes and code invalidation need no extra bookkeeping here.
 */
final class TranslatingEngine {
    static final int JUMP_CACHE_SIZE = 4096;

    private final Hart h;
    private final Interpreter interpreter;
    private final CodeCache cache;
    private final Mmu mmu;
    private final Tlb tlb;
    private final TranslatedUnit[] jumpUnit = new TranslatedUnit[JUMP_CACHE_SIZE];
    private final long[] jumpPc = new long[JUMP_CACHE_SIZE];
    private final long[] jumpOff = new long[JUMP_CACHE_SIZE];
    /** For a slot holding a miss (jumpUnit null): CodeCache.additions() when the miss was seen. */
    private final long[] missStamp = new long[JUMP_CACHE_SIZE];
    private final short[] heat = new short[JUMP_CACHE_SIZE];
    /** Hot count of in-page indirect exits before a unit is translated again with their targets. */
    private final int indirectHot;
    /** Units entered so far (statistics: instructions per entry shows how well regions work). */
    long unitEntries;

    TranslatingEngine(Hart h, Interpreter interpreter, CodeCache cache) {
        this.h = h;
        this.interpreter = interpreter;
        this.cache = cache;
        this.mmu = h.mmu();
        this.tlb = mmu.tlb();
        this.indirectHot = Math.max(1, cache.hotThreshold / 2);
        java.util.Arrays.fill(jumpPc, 1);   // no pc is odd: every slot starts empty
    }

    /**
     * Executes until {@code h.steps()} reaches {@code endSteps} (units may overshoot by the tail of one
     * region), a trap is taken, or attention is raised. Traps propagate to the caller with the hart
     * state precise.
     */
    void runUntil(long endSteps) {
        TranslatedUnit unit = null;
        int exit = TranslatedUnit.DYNAMIC_EXIT;
        while (h.steps() < endSteps) {
            long pc = h.pc;
            TranslatedUnit next = null;
            if (unit != null && exit >= 0) {
                TranslatedUnit s = unit.successor[exit];
                if (s != null && unit.successorPc[exit] == pc && s.valid && fetchOffset(pc) == s.ramOffset) next = s;
            }
            if (next == null) {
                next = find(pc);
                if (next != null && unit != null && exit >= 0) {
                    unit.successor[exit] = next;
                    unit.successorPc[exit] = pc;
                }
            }
            if (next != null) {
                unit = next;
                unitEntries++;
                exit = next.exec(h, (int) Math.min(endSteps - h.steps(), Integer.MAX_VALUE));
                if (exit == TranslatedUnit.DYNAMIC_EXIT && next.generation < CodeCache.MAX_GENERATION) profileIndirect(next);
            } else {
                unit = null;
                interpreter.step();
                h.retired++;
            }
            if (h.attention) return;
        }
    }

    /**
     * Indirect-jump profile: a jalr that left {@code unit} for a pc in the same page at or after the
     * unit's start (a switch's jump table, a return to a call site in the region) is recorded; once
     * such exits are hot the region is translated again with those pcs as in-region jalr targets,
     * so the jump stays inside the JVM method (see {@link UnitEmitter}).
     */
    private void profileIndirect(TranslatedUnit unit) {
        long pc = h.pc;
        long off = fetchOffset(pc);
        long delta = off - unit.ramOffset;
        if (off < 0 || delta < 0 || (off >>> 12) != (unit.ramOffset >>> 12)) return;
        // the old unit becomes invalid: jump cache and chains look the new one up on their own
        if (unit.noteIndirect((int) delta, indirectHot)) cache.retranslate(unit, pc - delta);
    }

    /** RAM offset of pc from the fetch TLB, or -1 when the entry is absent. */
    private long fetchOffset(long pc) {
        int i = mmu.fetchContext() + ((int) (pc >>> 12) & (Tlb.SETS - 1));
        return tlb.fetchTag[i] == pc >>> 12 ? pc + tlb.fetchAddend[i] : -1;
    }

    /**
     * The unit to run at pc, or null to interpret one instruction. A jump-cache slot remembers a
     * (pc, RAM offset) either with its unit or, when the code cache had none, as a miss stamped with
     * {@link CodeCache#additions()}: cold code then skips the shared map until a unit is added.
     */
    private TranslatedUnit find(long pc) {
        long off = fetchOffset(pc);
        if (off < 0) return null;   // interpret: the fetch fills the TLB (or traps)
        int j = (int) (pc >>> 1) & (JUMP_CACHE_SIZE - 1);
        if (jumpPc[j] == pc && jumpOff[j] == off) {
            TranslatedUnit u = jumpUnit[j];
            if (u != null) {
                if (u.valid) return u.instructions == 0 ? null : u;   // 0: an Untranslatable marker
            } else if (missStamp[j] == cache.additions()) {
                return cold(j, pc, off);
            }
        }
        long stamp = cache.additions();   // before the lookup: a unit added meanwhile voids the miss
        TranslatedUnit u = cache.lookup(off, pc);
        if (u == null) {
            remember(j, pc, off, null);
            missStamp[j] = stamp;
            return cold(j, pc, off);
        }
        return entry(j, pc, off, u);
    }

    /** Counts one more visit of code without a unit; translates it when it turns hot. */
    private TranslatedUnit cold(int j, long pc, long off) {
        if (++heat[j] < cache.hotThreshold) return null;
        heat[j] = 0;
        return entry(j, pc, off, cache.translate(pc, off));
    }

    private TranslatedUnit entry(int j, long pc, long off, TranslatedUnit u) {
        if (!u.valid) return null;
        remember(j, pc, off, u);
        return u.instructions == 0 ? null : u;   // an Untranslatable marker: interpret
    }

    private void remember(int j, long pc, long off, TranslatedUnit u) {
        jumpPc[j] = pc;
        jumpOff[j] = off;
        jumpUnit[j] = u;
    }

    /** FENCE.I and anything else that wants this hart to forget cached lookups. */
    void flushJumpCache() {
        java.util.Arrays.fill(jumpUnit, null);
        java.util.Arrays.fill(jumpPc, 1);   // no pc is odd: every slot is empty
    }
}
