package org.opennexus.jit;

import java.util.concurrent.locks.LockSupport;
import org.opennexus.memory.Mmu;
import org.opennexus.memory.PhysicalBus;
import org.opennexus.memory.Trap;

/**
 * One RV64IMAFDC_Zicsr_Zifencei_Zba_Zbb_Zbs_Zicond hart: architectural state, the run loop,
 * interrupt delivery and trap entry. Instruction semantics live in {@link Interpreter}, CSR
 * semantics in {@link CsrFile}.
 *
 * <p>Threading: {@link #run} is called by one thread at a time. {@link #setInterruptPending},
 * {@link #setMtimecmp}, {@link #requestStop} and {@link #wake} may be called from any thread; they
 * raise a volatile "attention" flag that the run loop tests before each instruction, so the cost of
 * interrupt checking on the hot path is one volatile load. Timer comparisons (MTIP, and STIP under
 * Sstc) are re-evaluated every {@link #TIMER_POLL_INTERVAL} instructions, on WFI, and whenever
 * mtimecmp/stimecmp/menvcfg change.
 */
public final class Hart {
    /**
     * Instructions between two reads of mtime for timer interrupts (bounds timer latency: 4096
     * instructions are 2-30 us here). Also how often the interpreter starts a new epoch of its
     * pre-decoded blocks and translated units exit on their own; 256 cost the interpreter 5-15%.
     */
    public static final int TIMER_POLL_INTERVAL = 4096;

    public final int hartId;
    /** Integer registers; x[0] is never written and reads 0. */
    public final long[] x = new long[32];
    /** Floating-point registers as raw bits (singles NaN-boxed). */
    public final long[] f = new long[32];
    public long pc;

    final HartPlatform platform;
    final PhysicalBus bus;
    private final Mmu mmu;
    final CsrFile csr;
    private final Interpreter interpreter;
    /** Non-null when this hart runs with the translator ({@link #useTranslator}). */
    private TranslatingEngine translator;
    private CodeCache codeCache;

    /** Current privilege level (Privilege.PRV_*). */
    int priv = Privilege.PRV_M;

    /** mip bits driven by devices (MSIP, MEIP, SEIP): written by other threads. */
    private volatile long mipExternal;
    /** mip bits written by software through CSRs (SSIP, STIP without Sstc, software SEIP). */
    long mipSoftware;
    /** mip bits derived from timers (MTIP; STIP under Sstc). */
    long mipTimer;
    private volatile long mtimecmp = -1L;

    /** Raised by anything that needs the run loop's attention; translated code reads it at loop back-edges. */
    volatile boolean attention = true;
    private volatile boolean stopRequested;
    private volatile boolean wakeRequested;
    private volatile Thread sleeper;
    private final Object mipLock = new Object();
    /** Software mip bits posted by setInterruptPending from other threads; guarded by mipLock. */
    private long postedSet, postedClear;
    private volatile boolean posted;
    /** The thread inside run(), or null. */
    private volatile Thread runner;

    /** Instructions retired (raw, before minstret's offset). */
    long retired;
    /** Traps and interrupts taken; cycles = retired + extraCycles (1 per instruction attempted or interrupt). */
    long extraCycles;
    private int pollCountdown = TIMER_POLL_INTERVAL;

    public Hart(int hartId, PhysicalBus bus, HartPlatform platform) {
        this.hartId = hartId;
        this.bus = bus;
        this.platform = platform;
        this.mmu = new Mmu(bus);
        this.csr = new CsrFile(this);
        this.interpreter = new Interpreter(this);
        mmu.setPrivilege(priv);
        mmu.setMstatus(csr.mstatus);
        mmu.setSatp(0);
    }

    public Mmu mmu() { return mmu; }

    public int privilege() { return priv; }

    public void setPrivilege(int p) {
        if (p != Privilege.PRV_U && p != Privilege.PRV_S && p != Privilege.PRV_M) {
            throw new IllegalArgumentException("privilege " + p);
        }
        priv = p;
        mmu.setPrivilege(p);
        attention = true;
    }

    /** Reads a CSR without privilege checks (firmware, SBI, debugger). Unknown CSRs throw IllegalArgumentException. */
    public long readCsr(int number) {
        try {
            return csr.read(number);
        } catch (Trap t) {
            throw new IllegalArgumentException("no CSR 0x" + Integer.toHexString(number));
        }
    }

    /** Writes a CSR without privilege checks, with the CSR's WARL rules. Unknown CSRs throw IllegalArgumentException. */
    public void writeCsr(int number, long value) {
        try {
            csr.write(number, value, false);
        } catch (Trap t) {
            throw new IllegalArgumentException("no CSR 0x" + Integer.toHexString(number));
        }
    }

    public long instret() { return csr.read(Csr.MINSTRET); }

    public long cycle() { return csr.read(Csr.MCYCLE); }

    /** Raw cycle count (before mcycle's offset): instructions attempted plus interrupts taken. */
    long steps() { return retired + extraCycles; }

    // ---------------------------------------------------------------- run loop

    /**
     * Interprets up to {@code budget} instructions (trapping ones count against the budget too, so
     * a trap loop cannot hang the caller). Returns the number of instructions retired. Returns
     * early after {@link #requestStop()}.
     */
    public long run(long budget) {
        long startRetired = retired;
        runner = Thread.currentThread();
        attention = true; // re-evaluate interrupts: a flag consumed by a stop may have carried one
        x[0] = 0;         // the interpreter never writes x0, but callers might have
        try {
            runLoop(interpreter, budget);
        } finally {
            runner = null;
        }
        return retired - startRetired;
    }

    /**
     * The budget counts steps: instructions attempted (retired or trapping) and interrupts taken,
     * the same for both engines, so the lockstep tests can line them up.
     */
    private void runLoop(Interpreter in, long budget) {
        long end = steps() + budget;
        while (steps() < end) {
            if (attention && serviceAttention()) break;
            long before = steps();
            long chunkEnd = Math.min(end, before + pollCountdown);
            try {
                if (translator != null) translator.runUntil(chunkEnd);
                else interpretUntil(in, chunkEnd);
            } catch (Trap t) {
                extraCycles++;
                takeTrap(t.cause, false, t.tval);
            }
            pollCountdown -= (int) Math.min(steps() - before, Integer.MAX_VALUE);
            if (pollCountdown <= 0) {
                pollCountdown = TIMER_POLL_INTERVAL;
                pollTimers();
            }
        }
    }

    private void interpretUntil(Interpreter in, long endSteps) {
        in.run(endSteps - steps());
    }

    /**
     * Runs this hart with the translator from now on: hot code becomes JVM bytecode (see
     * docs/translator.md). All harts of a machine share one {@link CodeCache}.
     */
    public void useTranslator(CodeCache cache) {
        this.codeCache = cache;
        this.translator = new TranslatingEngine(this, interpreter, cache);
    }

    /** The F/D executor shared with the interpreter (translated units call it). */
    FpExecutor fpExecutor() {
        return interpreter.fp();
    }

    /** The translator's code cache, or null when this hart only interprets. */
    public CodeCache codeCache() { return codeCache; }

    /** Translated units this hart has entered (0 when it only interprets). */
    public long unitEntries() { return translator == null ? 0 : translator.unitEntries; }

    /** Makes {@link #run} return soon (thread-safe). */
    public void requestStop() {
        stopRequested = true;
        attention = true;
        wake();
    }

    /**
     * Sets or clears mip bits; thread-safe; wakes a WFI. MSIP, MEIP and SEIP are device lines
     * (CLINT, PLIC): mip shows them ORed with the software bits. SSIP and STIP are the
     * software-writable bits themselves (for a built-in SBI: IPIs, timer without Sstc), so the guest
     * can clear them again through sip/mip; from another thread they are applied before the
     * hart's next instruction.
     */
    public void setInterruptPending(long mipMask, boolean level) {
        long sw = mipMask & (Mip.SSIP | Mip.STIP);
        long hw = mipMask & ~sw;
        synchronized (mipLock) {
            if (hw != 0) {
                long v = mipExternal;
                mipExternal = level ? v | hw : v & ~hw;
            }
            if (sw != 0) {
                if (level) {
                    postedSet |= sw;
                    postedClear &= ~sw;
                } else {
                    postedClear |= sw;
                    postedSet &= ~sw;
                }
                posted = true;
            }
        }
        if (sw != 0 && onOwnThread()) applyPosted();
        attention = true;
        wake();
    }

    private boolean onOwnThread() {
        Thread r = runner;
        return r == null || r == Thread.currentThread();
    }

    /** Merges software-bit requests from setInterruptPending into mip (on the hart's thread). */
    private void applyPosted() {
        synchronized (mipLock) {
            mipSoftware = (mipSoftware | postedSet) & ~postedClear;
            postedSet = 0;
            postedClear = 0;
            posted = false;
        }
    }

    /** CLINT mtimecmp for this hart: MTIP = mtime &gt;= mtimecmp (unsigned). Thread-safe. */
    public void setMtimecmp(long value) {
        mtimecmp = value;
        attention = true;
        wake();
    }

    public long mtimecmp() { return mtimecmp; }

    /** Wakes a hart blocked in {@link HartPlatform#idle} (thread-safe). */
    public void wake() {
        wakeRequested = true;
        Thread t = sleeper;
        if (t != null) LockSupport.unpark(t);
    }

    /**
     * Helper for {@link HartPlatform#idle}: blocks the calling thread until {@link #wake()} has
     * been called since the current WFI started, or the timeout elapses. Returns true if woken.
     */
    public boolean awaitWake(long timeoutNanos) {
        long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
        sleeper = Thread.currentThread();
        try {
            while (!wakeRequested) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                LockSupport.parkNanos(this, left);
            }
            return true;
        } finally {
            sleeper = null;
        }
    }

    /** Called on attention: stop requests, timers, interrupt delivery. Returns true to stop run(). */
    private boolean serviceAttention() {
        attention = false;
        if (posted) applyPosted();
        if (stopRequested) {
            stopRequested = false;
            return true;
        }
        pollTimers();
        int irq = pendingInterrupt();
        if (irq >= 0) {
            extraCycles++;
            takeTrap(irq, true, 0);
        }
        return false;
    }

    /** Current mip as software sees it. */
    long mip() {
        if (posted && onOwnThread()) applyPosted();
        long sw = mipSoftware;
        if (csr.stce()) sw &= ~Mip.STIP;
        return mipExternal | sw | mipTimer;
    }

    /** Re-evaluates MTIP (and STIP under Sstc) against mtime. */
    void pollTimers() {
        long now = platform.mtime();
        long t = Long.compareUnsigned(now, mtimecmp) >= 0 ? Mip.MTIP : 0;
        if (csr.stce() && Long.compareUnsigned(now, csr.stimecmp) >= 0) t |= Mip.STIP;
        if (t != mipTimer) {
            mipTimer = t;
            attention = true;
        }
    }

    /** Something that may change interrupt eligibility happened (CSR write, xRET, privilege change). */
    void requestAttention() {
        attention = true;
    }

    /**
     * The interrupt to take now, or -1 (privileged spec 3.1.9: M-level interrupts before S-level;
     * within a level MEI, MSI, MTI, SEI, SSI, STI; global enables per 3.1.6.1).
     */
    int pendingInterrupt() {
        long pend = mip() & csr.mie;
        if (pend == 0) return -1;
        long mPend = pend & ~csr.mideleg;
        if (mPend != 0 && (priv < Privilege.PRV_M || (csr.mstatus & Mstatus.MIE) != 0)) {
            return highestPriority(mPend);
        }
        long sPend = pend & csr.mideleg;
        if (sPend != 0 && (priv < Privilege.PRV_S || (priv == Privilege.PRV_S && (csr.mstatus & Mstatus.SIE) != 0))) {
            return highestPriority(sPend);
        }
        return -1;
    }

    private static final int[] PRIORITY = {
        Mip.IRQ_M_EXT, Mip.IRQ_M_SOFT, Mip.IRQ_M_TIMER, Mip.IRQ_S_EXT, Mip.IRQ_S_SOFT, Mip.IRQ_S_TIMER
    };

    private static int highestPriority(long pend) {
        for (int irq : PRIORITY) {
            if ((pend & (1L << irq)) != 0) return irq;
        }
        return -1;
    }

    /**
     * Trap entry (privileged spec 1.12, 3.1.6.1, 3.1.7, 3.1.8, 4.1.1): delegated traps from S/U go
     * to S-mode, everything else to M-mode. Vectored mode adds 4*cause for interrupts only.
     */
    void takeTrap(int cause, boolean interrupt, long tval) {
        long deleg = interrupt ? csr.mideleg : csr.medeleg;
        long causeValue = interrupt ? (1L << 63) | cause : cause;
        long ms = csr.mstatus;
        if (priv <= Privilege.PRV_S && ((deleg >>> cause) & 1) != 0) {
            csr.scause = causeValue;
            csr.sepc = pc;
            csr.stval = tval;
            ms = (ms & ~(Mstatus.SPIE | Mstatus.SIE | Mstatus.SPP))
                    | ((ms & Mstatus.SIE) != 0 ? Mstatus.SPIE : 0)
                    | (priv == Privilege.PRV_S ? Mstatus.SPP : 0);
            long tvec = csr.stvec;
            pc = (tvec & ~3L) + ((tvec & 1) != 0 && interrupt ? 4L * cause : 0);
            csr.setMstatusRaw(ms);
            setPrivilege(Privilege.PRV_S);
        } else {
            csr.mcause = causeValue;
            csr.mepc = pc;
            csr.mtval = tval;
            ms = (ms & ~(Mstatus.MPIE | Mstatus.MIE | Mstatus.MPP))
                    | ((ms & Mstatus.MIE) != 0 ? Mstatus.MPIE : 0)
                    | ((long) priv << Mstatus.MPP_SHIFT);
            long tvec = csr.mtvec;
            pc = (tvec & ~3L) + ((tvec & 1) != 0 && interrupt ? 4L * cause : 0);
            csr.setMstatusRaw(ms);
            setPrivilege(Privilege.PRV_M);
        }
    }

    /** MRET (3.3.2): caller has checked privilege. */
    void mret() {
        long ms = csr.mstatus;
        int mpp = (int) ((ms & Mstatus.MPP) >>> Mstatus.MPP_SHIFT);
        ms = (ms & ~(Mstatus.MIE | Mstatus.MPP)) | Mstatus.MPIE | ((ms & Mstatus.MPIE) != 0 ? Mstatus.MIE : 0);
        if (mpp != Privilege.PRV_M) ms &= ~Mstatus.MPRV;
        pc = csr.mepc;
        csr.setMstatusRaw(ms);
        mmu.clearReservation();
        setPrivilege(mpp);
    }

    /** SRET (3.3.2, 4.1.1): caller has checked privilege and TSR. */
    void sret() {
        long ms = csr.mstatus;
        int spp = (ms & Mstatus.SPP) != 0 ? Privilege.PRV_S : Privilege.PRV_U;
        ms = (ms & ~(Mstatus.SIE | Mstatus.SPP | Mstatus.MPRV)) | Mstatus.SPIE
                | ((ms & Mstatus.SPIE) != 0 ? Mstatus.SIE : 0);
        pc = csr.sepc;
        csr.setMstatusRaw(ms);
        mmu.clearReservation();
        setPrivilege(spp);
    }

    /**
     * WFI (3.3.3) after privilege checks, with pc already advanced: if no interrupt is pending
     * and locally enabled in mie, sleep in the platform until a wake or the nearest timer deadline.
     */
    void waitForInterrupt() {
        wakeRequested = false;
        pollTimers();
        if ((mip() & csr.mie) != 0 || stopRequested) return;
        long deadline = Long.MAX_VALUE;
        if ((csr.mie & Mip.MTIP) != 0) deadline = unsignedMin(deadline, mtimecmp);
        if (csr.stce() && (csr.mie & Mip.STIP) != 0) deadline = unsignedMin(deadline, csr.stimecmp);
        platform.idle(this, deadline);
        pollTimers();
        attention = true;
    }

    private static long unsignedMin(long a, long b) {
        long m = Long.compareUnsigned(a, b) <= 0 ? a : b;
        return m < 0 ? Long.MAX_VALUE : m;
    }

    /**
     * FENCE.I: stores to translated code invalidate it as they happen (code-page watch), so only
     * this hart's cached unit lookups need dropping.
     */
    void fenceI() {
        if (translator != null) translator.flushJumpCache();
    }

    @Override
    public String toString() {
        return "hart" + hartId + " pc=0x" + Long.toHexString(pc) + " priv=" + priv;
    }
}
