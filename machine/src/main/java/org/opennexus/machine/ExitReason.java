package org.opennexus.machine;

/** Why a machine run ended. */
public enum ExitReason {
    /** The guest powered off (test finisher PASS, SBI SRST shutdown, legacy SBI shutdown). */
    POWER_OFF,
    /** The test finisher was written FAIL with a code. */
    FAIL,
    /** HTIF tohost was written 1. */
    HTIF_PASS,
    /** HTIF tohost was written another odd value. */
    HTIF_FAIL,
    /** {@code --timeout} elapsed. */
    TIMEOUT,
    /** The {@code --until-marker} text (or the last {@code --expect} marker) appeared on the UART. */
    MARKER,
    /** The machine stopped before every {@code --expect} marker appeared. */
    EXPECT_FAILED,
    /** The user typed Ctrl-A x. */
    USER_QUIT,
    /** The emulator failed (a bug in nexus, not in the guest). */
    ERROR
}
