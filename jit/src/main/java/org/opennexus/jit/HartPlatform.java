package org.opennexus.jit;

/**
 * What a hart needs from the board around it: the timebase, an optional built-in SBI, and a way to
 * sleep on WFI. Implemented by the machine module.
 */
public interface HartPlatform {
    /** Current mtime (10 MHz timebase); the time CSR reads it and Sstc compares stimecmp with it. */
    long mtime();

    /**
     * Called on ECALL before trapping. Returning true means the platform handled the call (built-in
     * SBI); the hart then just advances pc by 4 and takes no trap.
     */
    boolean ecall(Hart hart);

    /**
     * WFI with nothing pending: block until {@link Hart#wake()} is called or mtime &gt;= wakeAtMtime
     * ({@link Long#MAX_VALUE} = no timer armed). A deterministic platform advances time instead of
     * sleeping. {@link Hart#awaitWake(long)} is a ready-made way to block.
     */
    void idle(Hart hart, long wakeAtMtime);
}
