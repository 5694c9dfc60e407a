package org.opennexus.machine.board;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opennexus.machine.ExitReason;

/** The first reason any part of the board gives for stopping the machine (or resetting it); thread-safe. */
public final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);
    private ExitReason reason;
    private int exitCode;
    private String detail;
    private boolean reset;
    private volatile boolean stopped;
    private volatile Runnable onStop = () -> { };

    /** Run once, right after the first stop or reset is recorded (the board halts its harts here). */
    public void onStop(Runnable action) {
        onStop = action;
    }

    /** Records the stop if it is the first; wakes the waiting machine thread. */
    public synchronized void stop(ExitReason r, int code, String why) {
        if (stopped) {
            return;
        }
        reason = r;
        exitCode = code;
        detail = why;
        stopped = true;
        latch.countDown();
        onStop.run();
    }

    /** A guest-requested reset (finisher FINISHER_RESET, SBI SRST reboot). */
    public synchronized void reset() {
        if (stopped) {
            return;
        }
        reset = true;
        stopped = true;
        latch.countDown();
        onStop.run();
    }

    public boolean stopped() { return stopped; }
    public synchronized boolean isReset() { return reset; }
    public synchronized ExitReason reason() { return reason; }
    public synchronized int exitCode() { return exitCode; }
    public synchronized String detail() { return detail; }

    /** Waits for a stop; false on timeout. */
    public boolean await(long nanos) throws InterruptedException {
        return latch.await(nanos, TimeUnit.NANOSECONDS);
    }
}
