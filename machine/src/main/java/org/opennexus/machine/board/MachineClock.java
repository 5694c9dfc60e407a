package org.opennexus.machine.board;

import java.util.function.LongSupplier;
import org.opennexus.jit.Hart;
import org.opennexus.machine.VirtMemoryMap;

/**
 * The board's 10 MHz timebase (before the CLINT's guest-written offset) and what WFI does.
 * Realtime: System.nanoTime() / 100. Deterministic: one tick per {@value #INSTRUCTIONS_PER_TICK}
 * instructions retired by hart 0, and a WFI with a timer armed jumps time forward to the deadline,
 * so a single-hart run is repeatable bit for bit.
 */
public abstract sealed class MachineClock implements LongSupplier {
    public static final long INSTRUCTIONS_PER_TICK = 100;
    static final long NANOS_PER_TICK = 1_000_000_000L / VirtMemoryMap.TIMEBASE_HZ;
    /** Longest single host sleep in WFI, so stop requests are seen promptly even without a wake(). */
    static final long MAX_SLEEP_NANOS = 50_000_000L;

    /** Nanoseconds since the Unix epoch for the RTC. */
    public abstract long wallClockNanos();

    /** WFI with nothing pending: wait (or advance time) until mtime &gt;= wakeAt or the hart is woken. */
    public abstract void idle(Hart hart, long wakeAt, LongSupplier guestMtime);

    public static MachineClock realtime() {
        return new Realtime();
    }

    public static MachineClock deterministic(LongSupplier hart0Instret) {
        return new Deterministic(hart0Instret);
    }

    static final class Realtime extends MachineClock {
        private final long start = System.nanoTime();
        private final long epochAtStart = System.currentTimeMillis() * 1_000_000L;

        @Override
        public long getAsLong() {
            return (System.nanoTime() - start) / NANOS_PER_TICK;
        }

        @Override
        public long wallClockNanos() {
            return epochAtStart + (System.nanoTime() - start);
        }

        @Override
        public void idle(Hart hart, long wakeAt, LongSupplier guestMtime) {
            long sleep = MAX_SLEEP_NANOS;
            if (wakeAt != Long.MAX_VALUE) {
                long ticks = wakeAt - guestMtime.getAsLong();
                if (ticks <= 0) {
                    return;
                }
                sleep = Math.min(sleep, ticks * NANOS_PER_TICK);
            }
            hart.awaitWake(sleep);
        }
    }

    static final class Deterministic extends MachineClock {
        /** 2026-01-01T00:00:00Z: the RTC's fixed starting point in deterministic mode. */
        static final long EPOCH_NANOS = 1_767_225_600L * 1_000_000_000L;
        private final LongSupplier instret;
        private volatile long skipped;
        private volatile long last;

        Deterministic(LongSupplier instret) {
            this.instret = instret;
        }

        @Override
        public long getAsLong() {
            long t = instret.getAsLong() / INSTRUCTIONS_PER_TICK + skipped;
            if (t < last) {
                t = last; // a guest write to minstret must not make time run backwards
            }
            last = t;
            return t;
        }

        @Override
        public long wallClockNanos() {
            return EPOCH_NANOS + getAsLong() * NANOS_PER_TICK;
        }

        @Override
        public void idle(Hart hart, long wakeAt, LongSupplier guestMtime) {
            if (wakeAt == Long.MAX_VALUE) {
                hart.awaitWake(MAX_SLEEP_NANOS); // only an outside event (input, another hart) can wake it
                return;
            }
            long ticks = wakeAt - guestMtime.getAsLong();
            if (ticks > 0) {
                synchronized (this) {
                    skipped += ticks;
                }
            }
        }
    }
}
