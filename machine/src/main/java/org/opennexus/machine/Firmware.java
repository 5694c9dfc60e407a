package org.opennexus.machine;

/** What runs in M-mode, like QEMU's {@code -bios}. */
public enum Firmware {
    /** nexus's SBI implementation in Java; the kernel starts in S-mode. */
    BUILTIN,
    /** No firmware: the kernel starts in M-mode at its entry point. */
    NONE,
    /** A real M-mode firmware image (e.g. OpenSBI fw_jump.bin / fw_dynamic.bin) at 0x80000000. */
    FILE
}
