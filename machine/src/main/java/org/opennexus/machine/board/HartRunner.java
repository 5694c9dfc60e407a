package org.opennexus.machine.board;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.opennexus.jit.Csr;
import org.opennexus.jit.Hart;
import org.opennexus.jit.Mip;
import org.opennexus.jit.Privilege;
import org.opennexus.machine.ExitReason;

/**
 * The host thread of one hart: runs {@link Hart#run} in slices and, between slices, applies what
 * other harts asked of this one (SBI IPIs, remote fences, HSM hart_start). Requests are posted
 * from any thread and applied on the hart's own thread, so hart state is only touched by it.
 */
public final class HartRunner implements Runnable {
    /** Instructions per {@link Hart#run} slice; stop requests cut a slice short anyway. */
    static final long SLICE = 1_000_000;
    static final int REQ_SFENCE = 1, REQ_FENCE_I = 2, REQ_SSIP = 4;

    private final Hart hart;
    private final StopSignal stop;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean running;
    private volatile long startAddr;
    private volatile long startOpaque;
    private volatile boolean startPending;
    private volatile Thread thread;

    /** Board-level polling after each slice (device timers that run off the guest's wall clock). */
    private volatile Runnable afterSlice = () -> { };

    void afterSlice(Runnable r) {
        afterSlice = r;
    }

    public HartRunner(Hart hart, StopSignal stop, boolean initiallyRunning) {
        this.hart = hart;
        this.stop = stop;
        this.running = initiallyRunning;
    }

    public Hart hart() { return hart; }

    /** True when called from this hart's own thread (inside its ECALL). */
    public boolean onOwnThread() {
        return Thread.currentThread() == thread;
    }

    public Thread start() {
        Thread t = Thread.ofPlatform().name("nexus-hart-" + hart.hartId).daemon().unstarted(this);
        thread = t;
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            while (!stop.stopped()) {
                if (startPending) {
                    startPending = false;
                    enterSupervisor(startAddr, startOpaque);
                    running = true;
                }
                if (!running) {
                    LockSupport.parkNanos(this, 50_000_000L);
                    continue;
                }
                applyRequests();
                hart.run(SLICE);
                afterSlice.run();
            }
        } catch (Throwable t) {
            stop.stop(ExitReason.ERROR, 3, "hart " + hart.hartId + " crashed: " + t + " at pc=0x"
                    + Long.toHexString(hart.pc));
        }
    }

    /** SBI hart_start: this (stopped) hart starts in S-mode at addr with a0 = hartid, a1 = opaque. */
    public void requestStart(long addr, long opaque) {
        startAddr = addr;
        startOpaque = opaque;
        startPending = true;
        wakeThread();
    }

    /** SBI hart_stop from this hart's own ECALL. */
    public void stopSelf() {
        running = false;
        hart.requestStop();
    }

    /** Posts a request (REQ_*) for this hart; applied on its own thread before it runs on. */
    public void post(int request) {
        requests.getAndUpdate(v -> v | request);
        hart.requestStop();
        wakeThread();
    }

    /** Called by the board when the machine stops: make run() return and the thread end. */
    public void halt() {
        hart.requestStop();
        wakeThread();
    }

    private void wakeThread() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Applies posted requests; only on this hart's own thread. */
    void applyRequests() {
        int r = requests.getAndSet(0);
        if (r == 0) {
            return;
        }
        if ((r & REQ_SFENCE) != 0) {
            hart.mmu().flushAll();
        }
        // REQ_FENCE_I: nothing to do here: the interpreter compares its pre-decoded blocks with RAM at
        // every run call (docs/hart.md), and translated code is invalidated by the stores themselves.
        if ((r & REQ_SSIP) != 0) {
            hart.writeCsr(Csr.MIP, hart.readCsr(Csr.MIP) | Mip.SSIP);
        }
    }

    /** The state SBI HSM hart_start defines (SBI v2.0 section 9.2): S-mode, satp = 0, sstatus.SIE = 0. */
    void enterSupervisor(long addr, long opaque) {
        hart.x[10] = hart.hartId;
        hart.x[11] = opaque;
        hart.writeCsr(Csr.SATP, 0);
        hart.writeCsr(Csr.SSTATUS, hart.readCsr(Csr.SSTATUS) & ~2L);
        hart.setPrivilege(Privilege.PRV_S);
        hart.mmu().flushAll();
        hart.pc = addr;
    }
}
