package org.opennexus.devices.plic;

/**
 * Where a PLIC's context outputs go. Context numbering follows QEMU's virt board (hart_config
 * "MS"): context {@code 2h} is hart h's M-mode external interrupt (mip.MEIP), context {@code 2h+1}
 * its S-mode external interrupt (mip.SEIP).
 *
 * <p>Called with the PLIC's lock held, possibly from a non-hart thread (for example the UART's
 * stdin pump): implementations must be thread-safe and must not call back into the PLIC.
 */
@FunctionalInterface
public interface PlicTarget {
    void setExternalInterrupt(int context, boolean level);
}
