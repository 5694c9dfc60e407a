package org.opennexus.jit;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.opennexus.memory.GuestRam;

/**
 * Finds the guest instructions of a region: contiguous code from a start pc to the first
 * instruction the translator does not handle, the end of the 4 KiB page, or an unconditional jump
 * that no earlier branch jumps past. Reads the code straight from RAM (the caller has translated
 * the page and checked execute permission).
 *
 * <p>A region may be given extra targets: pcs that indirect jumps of an earlier translation were
 * seen to reach (see {@link TranslatingEngine}); the scan then also continues past an unconditional
 * jump while one of them lies ahead, so the code they start is part of the region.
 */
final class RegionScanner {
    /** Upper bound on instructions per region (keeps methods well under HotSpot's 8000-byte limit). */
    static final int MAX_INSTRUCTIONS = 160;

    private RegionScanner() { }

    static List<GuestInsn> scan(MemorySegment ram, long startPc, long startOffset, int maxInstructions) {
        return scan(ram, startPc, startOffset, maxInstructions, startPc);
    }

    /** As above, going on past unconditional jumps at least until {@code furthestIndirect} (a target pc). */
    static List<GuestInsn> scan(MemorySegment ram, long startPc, long startOffset, int maxInstructions,
                                long furthestIndirect) {
        long pageEnd = (startPc | 0xfffL) + 1;
        List<GuestInsn> out = new ArrayList<>();
        long pc = startPc;
        long furthestTarget = furthestIndirect;   // furthest forward jump target known so far
        while (out.size() < maxInstructions && pc < pageEnd) {
            long off = startOffset + (pc - startPc);
            int lo = ram.get(GuestRam.SHORT, off) & 0xffff;
            GuestInsn insn;
            if ((lo & 3) != 3) {
                int word = Rvc.expand(lo);
                if (word == 0) break;
                insn = new GuestInsn(pc, word, lo, 2);
            } else {
                if (pc + 4 > pageEnd) break;
                int word = ram.get(GuestRam.INT, off);
                insn = new GuestInsn(pc, word, word, 4);
            }
            if (!UnitEmitter.supports(insn.word())) break;
            out.add(insn);
            pc = insn.next();
            int op = insn.opcode();
            if (op == UnitEmitter.OP_BRANCH) {
                furthestTarget = Math.max(furthestTarget, insn.pc() + insn.immB());
            } else if (op == UnitEmitter.OP_JAL || op == UnitEmitter.OP_JALR) {
                if (op == UnitEmitter.OP_JAL) {
                    furthestTarget = Math.max(furthestTarget, insn.pc() + insn.immJ());
                }
                if (furthestTarget < pc) break;   // nothing known jumps to the code that follows
            }
        }
        return out;
    }
}
