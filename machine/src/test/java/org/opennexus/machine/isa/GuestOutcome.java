package org.opennexus.machine.isa;

/**
 * How one bare-metal guest run ended, engine-neutral.
 *
 * @param exitCode 0 when the SiFive test finisher was written PASS (0x5555), the finisher's code
 *                 {@code n} for {@code (n << 16) | 0x3333}, 124 on timeout
 * @param reason   a short word from the engine (nexus: the ExitReason, QEMU: "exit"/"timeout")
 * @param uart     everything the guest wrote to UART0
 */
public record GuestOutcome(int exitCode, String reason, String uart) {
    public static final int EXIT_TIMEOUT = 124;

    public boolean passed() {
        return exitCode == 0;
    }
}
