package org.opennexus.devices.plic;

import org.opennexus.devices.IrqLine;
import org.opennexus.memory.MmioDevice;

/**
 * SiFive platform-level interrupt controller with QEMU virt's layout (hw/intc/sifive_plic.c):
 * priorities at 0x0 + 4*source, pending bits at 0x1000, enable bits at 0x2000 + 0x80*context,
 * threshold at 0x200000 + 0x1000*context and claim/complete 4 bytes after it. Seven priority levels
 * (3 bits). Only aligned 32-bit accesses are valid.
 *
 * <p>Sources are level-triggered (RISC-V PLIC spec, "Interrupt Gateways"): a rising or high line makes
 * an unclaimed source pending; a claim clears the pending bit and holds the source until its
 * completion; a completed source whose line is still high becomes pending again. Lowering a line does
 * not withdraw a pending request (as QEMU 7.2: its pending bit stays set until claimed).
 *
 * <p>Thread-safe: every method synchronizes on the PLIC, since lines are raised from device threads.
 */
public final class Plic implements MmioDevice {
    /** QEMU virt: VIRT_PLIC_SIZE(VIRT_CPUS_MAX * 2) with VIRT_CPUS_MAX = 512. */
    public static final long SIZE = 0x600000;
    public static final int PRIORITY_BASE = 0x0;
    public static final int PENDING_BASE = 0x1000;
    public static final int ENABLE_BASE = 0x2000;
    public static final int ENABLE_STRIDE = 0x80;
    public static final int CONTEXT_BASE = 0x200000;
    public static final int CONTEXT_STRIDE = 0x1000;
    /** VIRT_IRQCHIP_NUM_PRIO_BITS = 3. */
    public static final int MAX_PRIORITY = 7;

    private final int contexts;
    private final int sources;
    private final int words;
    private final PlicTarget target;
    private final int[] priority;
    private final int[] pending;
    private final int[] claimed;
    private final int[] level;
    private final int[] enable;      // contexts * words
    private final int[] threshold;
    private final boolean[] output;
    private final IrqLine[] lines;

    /**
     * @param harts   number of harts; each has an M-mode and an S-mode context
     * @param sources number of interrupt sources including the reserved source 0 (QEMU virt: 96)
     */
    public Plic(int harts, int sources, PlicTarget target) {
        if (harts < 1 || harts > 512 || sources < 1 || sources > 1024) {
            throw new IllegalArgumentException("harts=" + harts + " sources=" + sources);
        }
        this.contexts = harts * 2;
        this.sources = sources;
        this.words = (sources + 31) >>> 5;
        this.target = target;
        this.priority = new int[sources];
        this.pending = new int[words];
        this.claimed = new int[words];
        this.level = new int[words];
        this.enable = new int[contexts * words];
        this.threshold = new int[contexts];
        this.output = new boolean[contexts];
        this.lines = new IrqLine[sources];
        for (int s = 1; s < sources; s++) {
            final int source = s;
            lines[s] = lvl -> setLevel(source, lvl);
        }
    }

    public int contexts() {
        return contexts;
    }

    public int sources() {
        return sources;
    }

    /** The wire for interrupt source {@code source} (1 .. sources-1). */
    public IrqLine line(int source) {
        if (source < 1 || source >= sources) {
            throw new IllegalArgumentException("PLIC source out of range: " + source);
        }
        return lines[source];
    }

    private synchronized void setLevel(int source, boolean high) {
        int w = source >>> 5;
        int bit = 1 << (source & 31);
        if (high) {
            level[w] |= bit;
            if ((claimed[w] & bit) == 0 && (pending[w] & bit) == 0) {
                pending[w] |= bit;
                update();
            }
        } else {
            // the request already forwarded stays pending until claimed (QEMU 7.2 does the same)
            level[w] &= ~bit;
        }
    }

    @Override
    public boolean accepts(long offset, int size) {
        return size == 4 && (offset & 3) == 0;
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (size != 4 || (offset & 3) != 0 || offset < 0) {
            return 0;
        }
        if (offset < PENDING_BASE) {
            int s = (int) (offset >>> 2);
            return s < sources ? priority[s] : 0;
        }
        if (offset < ENABLE_BASE) {
            int w = (int) ((offset - PENDING_BASE) >>> 2);
            return w < words ? pending[w] & 0xffff_ffffL : 0;
        }
        if (offset < CONTEXT_BASE) {
            long rel = offset - ENABLE_BASE;
            int ctx = (int) (rel / ENABLE_STRIDE);
            int w = (int) ((rel % ENABLE_STRIDE) >>> 2);
            return ctx < contexts && w < words ? enable[ctx * words + w] & 0xffff_ffffL : 0;
        }
        long rel = offset - CONTEXT_BASE;
        int ctx = (int) (rel / CONTEXT_STRIDE);
        if (ctx >= contexts) {
            return 0;
        }
        return switch ((int) (rel % CONTEXT_STRIDE)) {
            case 0 -> threshold[ctx];
            case 4 -> claim(ctx);
            default -> 0;
        };
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (size != 4 || (offset & 3) != 0 || offset < 0) {
            return;
        }
        int v = (int) value;
        if (offset < PENDING_BASE) {
            int s = (int) (offset >>> 2);
            if (s > 0 && s < sources) {
                priority[s] = v & MAX_PRIORITY;
                update();
            }
            return;
        }
        if (offset < ENABLE_BASE) {
            return; // pending bits are read-only (QEMU logs "invalid pending write")
        }
        if (offset < CONTEXT_BASE) {
            long rel = offset - ENABLE_BASE;
            int ctx = (int) (rel / ENABLE_STRIDE);
            int w = (int) ((rel % ENABLE_STRIDE) >>> 2);
            if (ctx < contexts && w < words) {
                enable[ctx * words + w] = v; // stored as written, like QEMU; source 0 is never pending
                update();
            }
            return;
        }
        long rel = offset - CONTEXT_BASE;
        int ctx = (int) (rel / CONTEXT_STRIDE);
        if (ctx >= contexts) {
            return;
        }
        switch ((int) (rel % CONTEXT_STRIDE)) {
            case 0 -> {
                threshold[ctx] = v & MAX_PRIORITY;
                update();
            }
            case 4 -> complete(v);
            default -> { }
        }
    }

    /** Highest-priority pending, enabled, unclaimed source above the threshold; ties go to the lowest id. */
    private int best(int ctx) {
        int best = 0;
        int bestPriority = threshold[ctx];
        int base = ctx * words;
        for (int w = 0; w < words; w++) {
            int candidates = pending[w] & ~claimed[w] & enable[base + w];
            while (candidates != 0) {
                int bit = Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                int s = (w << 5) | bit;
                if (priority[s] > bestPriority) {
                    best = s;
                    bestPriority = priority[s];
                }
            }
        }
        return best;
    }

    private int claim(int ctx) {
        int s = best(ctx);
        if (s != 0) {
            int w = s >>> 5;
            int bit = 1 << (s & 31);
            pending[w] &= ~bit;
            claimed[w] |= bit;
            update();
        }
        return s;
    }

    private void complete(int source) {
        if (source <= 0 || source >= sources) {
            return;
        }
        int w = source >>> 5;
        int bit = 1 << (source & 31);
        if ((claimed[w] & bit) == 0) {
            return;
        }
        claimed[w] &= ~bit;
        if ((level[w] & bit) != 0) {
            pending[w] |= bit; // level-triggered: still asserted, so it is a new request
        }
        update();
    }

    private void update() {
        for (int ctx = 0; ctx < contexts; ctx++) {
            boolean out = best(ctx) != 0;
            if (out != output[ctx]) {
                output[ctx] = out;
                target.setExternalInterrupt(ctx, out);
            }
        }
    }
}
