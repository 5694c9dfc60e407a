package org.opennexus.devices.clint;

import java.util.function.LongSupplier;
import org.opennexus.memory.MmioDevice;

/**
 * Core-local interruptor as QEMU virt maps it (hw/intc/riscv_aclint.c: an ACLINT SSWI-less MSWI at
 * 0x0 and an MTIMER at 0x4000): msip at 0x0 + 4*hart, mtimecmp at 0x4000 + 8*hart, mtime at 0xbff8.
 *
 * <p>msip accepts aligned 4-byte accesses only; mtimecmp and mtime accept aligned 8-byte accesses and
 * aligned 4-byte accesses to either half. Registers past the last hart read 0 and ignore writes.
 * A write to mtime does not touch the host clock: as QEMU, it changes an offset added to it, and
 * {@link #mtime()} returns the adjusted value that the board must compare mtimecmp against.
 *
 * <p>mtimecmp starts at 0 like QEMU (so MTIP is pending until software programs it); the constructor
 * does not call the target. Thread-safe.
 */
public final class Clint implements MmioDevice {
    public static final long SIZE = 0x10000;
    public static final int MSIP_BASE = 0x0;
    public static final int MTIMECMP_BASE = 0x4000;
    public static final int MTIME = 0xbff8;

    private final int harts;
    private final ClintTarget target;
    private final LongSupplier clock;
    private final boolean[] msip;
    private final long[] mtimecmp;
    private volatile long mtimeDelta;

    public Clint(int harts, ClintTarget target, LongSupplier mtime) {
        if (harts < 1 || harts > 4095) {
            throw new IllegalArgumentException("harts=" + harts);
        }
        this.harts = harts;
        this.target = target;
        this.clock = mtime;
        this.msip = new boolean[harts];
        this.mtimecmp = new long[harts];
    }

    /** The guest-visible mtime: the clock plus the offset written through the mtime register. */
    public long mtime() {
        return clock.getAsLong() + mtimeDelta;
    }

    /**
     * Device reset as QEMU's ACLINT MTIMER reset: mtime reads 0 from now on, mtimecmp is 0 and msip
     * clear; the target is told the new state of every hart.
     */
    public synchronized void reset() {
        mtimeDelta = -clock.getAsLong();
        for (int h = 0; h < harts; h++) {
            msip[h] = false;
            mtimecmp[h] = 0;
            target.setMsip(h, false);
            target.setMtimecmp(h, 0);
        }
    }

    /** Current mtimecmp of a hart. */
    public synchronized long mtimecmp(int hart) {
        return mtimecmp[hart];
    }

    public synchronized boolean msip(int hart) {
        return msip[hart];
    }

    @Override
    public boolean accepts(long offset, int size) {
        if (offset < 0 || offset >= SIZE || (offset & (size - 1)) != 0) {
            return false;
        }
        return offset < MTIMECMP_BASE ? size == 4 : size == 4 || size == 8;
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (!accepts(offset, size)) {
            return 0;
        }
        if (offset < MTIMECMP_BASE) {
            int h = (int) (offset >>> 2);
            return h < harts && msip[h] ? 1 : 0;
        }
        long reg = offset & ~7L;
        long value;
        if (reg == MTIME) {
            value = mtime();
        } else {
            int h = (int) ((reg - MTIMECMP_BASE) >>> 3);
            if (h >= harts) {
                return 0;
            }
            value = mtimecmp[h];
        }
        if (size == 8) {
            return value;
        }
        return (offset & 4) == 0 ? value & 0xffff_ffffL : value >>> 32;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (!accepts(offset, size)) {
            return;
        }
        if (offset < MTIMECMP_BASE) {
            int h = (int) (offset >>> 2);
            if (h < harts) {
                boolean level = (value & 1) != 0;
                msip[h] = level;
                target.setMsip(h, level);
            }
            return;
        }
        long reg = offset & ~7L;
        if (reg == MTIME) {
            long now = mtime();
            long updated = merge(now, offset, size, value);
            mtimeDelta += updated - now;
            for (int h = 0; h < harts; h++) {
                target.setMtimecmp(h, mtimecmp[h]); // QEMU re-arms every hart's timer after an mtime write
            }
            return;
        }
        int h = (int) ((reg - MTIMECMP_BASE) >>> 3);
        if (h < harts) {
            mtimecmp[h] = merge(mtimecmp[h], offset, size, value);
            target.setMtimecmp(h, mtimecmp[h]);
        }
    }

    private static long merge(long old, long offset, int size, long value) {
        if (size == 8) {
            return value;
        }
        if ((offset & 4) == 0) {
            return (old & 0xffff_ffff_0000_0000L) | (value & 0xffff_ffffL);
        }
        return (old & 0xffff_ffffL) | (value << 32);
    }
}
