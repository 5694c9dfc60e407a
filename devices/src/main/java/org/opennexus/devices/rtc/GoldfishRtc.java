package org.opennexus.devices.rtc;

import java.util.function.LongSupplier;
import org.opennexus.devices.IrqLine;
import org.opennexus.memory.MmioDevice;

/**
 * Goldfish real-time clock ("google,goldfish-rtc", QEMU hw/rtc/goldfish_rtc.c): nanoseconds since the
 * epoch, an alarm and a level interrupt. Aligned 32-bit accesses only.
 *
 * <p>Registers: 0x00 TIME_LOW (reading it latches the high half), 0x04 TIME_HIGH (the latched half),
 * 0x08 ALARM_LOW (writing it arms the alarm; one not in the future fires at once), 0x0c ALARM_HIGH, 0x10 IRQ_ENABLED,
 * 0x14 CLEAR_ALARM, 0x18 ALARM_STATUS, 0x1c CLEAR_INTERRUPT. Writing TIME_LOW/TIME_HIGH moves an offset
 * added to the host clock, as QEMU does.
 *
 * <p>There is no timer thread: an alarm in the future fires when {@link #tick()} (called by the board
 * from its run loop) or any register access finds it due; {@link #alarmDeadline()} tells when.
 */
public final class GoldfishRtc implements MmioDevice {
    /** QEMU maps 0x24 bytes of registers in a 0x1000-byte slot on virt. */
    public static final long SIZE = 0x1000;
    public static final int TIME_LOW = 0x00, TIME_HIGH = 0x04, ALARM_LOW = 0x08, ALARM_HIGH = 0x0c,
            IRQ_ENABLED = 0x10, CLEAR_ALARM = 0x14, ALARM_STATUS = 0x18, CLEAR_INTERRUPT = 0x1c;

    private final LongSupplier clock;
    private final IrqLine irq;
    private long tickOffset;
    private long alarmNext;
    private boolean alarmRunning;
    private boolean irqPending;
    private boolean irqEnabled;
    private int timeHigh;
    private boolean irqLevel;

    public GoldfishRtc(LongSupplier nanosSinceEpoch, IrqLine irq) {
        this.clock = nanosSinceEpoch;
        this.irq = irq;
    }

    private long now() {
        return clock.getAsLong() + tickOffset;
    }

    /** Fires a due alarm. Call regularly from the board's run loop. */
    public synchronized void tick() {
        if (alarmRunning && Long.compareUnsigned(now(), alarmNext) >= 0) {
            alarmRunning = false;
            irqPending = true;
            updateIrq();
        }
    }

    /** Guest time (ns since the epoch) at which the armed alarm fires, or Long.MAX_VALUE if none. */
    public synchronized long alarmDeadline() {
        return alarmRunning ? alarmNext : Long.MAX_VALUE;
    }

    private void updateIrq() {
        boolean level = irqPending && irqEnabled;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    @Override
    public boolean accepts(long offset, int size) {
        return size == 4 && (offset & 3) == 0;
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (!accepts(offset, size)) {
            return 0;
        }
        tick();
        return switch ((int) offset) {
            case TIME_LOW -> {
                long t = now();
                timeHigh = (int) (t >>> 32);
                yield t & 0xffff_ffffL;
            }
            case TIME_HIGH -> timeHigh & 0xffff_ffffL;
            case ALARM_LOW -> alarmNext & 0xffff_ffffL;
            case ALARM_HIGH -> alarmNext >>> 32;
            case IRQ_ENABLED -> irqEnabled ? 1 : 0;
            case ALARM_STATUS -> alarmRunning ? 1 : 0;
            default -> 0;
        };
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (!accepts(offset, size)) {
            return;
        }
        long v = value & 0xffff_ffffL;
        switch ((int) offset) {
            case TIME_LOW -> {
                long cur = now();
                tickOffset += ((cur & 0xffff_ffff_0000_0000L) | v) - cur;
            }
            case TIME_HIGH -> {
                long cur = now();
                tickOffset += ((cur & 0xffff_ffffL) | (v << 32)) - cur;
            }
            case ALARM_LOW -> {
                alarmNext = (alarmNext & 0xffff_ffff_0000_0000L) | v;
                alarmRunning = true; // an alarm already due fires at once (tick below)
            }
            case ALARM_HIGH -> alarmNext = (alarmNext & 0xffff_ffffL) | (v << 32);
            case IRQ_ENABLED -> {
                irqEnabled = (v & 1) != 0;
                updateIrq();
            }
            case CLEAR_ALARM -> alarmRunning = false;
            case CLEAR_INTERRUPT -> {
                irqPending = false;
                updateIrq();
            }
            default -> { }
        }
        tick();
    }
}
