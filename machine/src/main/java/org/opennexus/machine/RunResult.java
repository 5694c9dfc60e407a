package org.opennexus.machine;

/**
 * The outcome of {@link VirtMachine#run()}: the process exit status the {@code nexus} command uses,
 * the reason, everything the guest wrote to UART0 (and the SBI console), and a one-line detail.
 */
public record RunResult(int exitCode, ExitReason reason, String uartOutput, String detail) { }
