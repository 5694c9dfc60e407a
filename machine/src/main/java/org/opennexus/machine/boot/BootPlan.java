package org.opennexus.machine.boot;

/**
 * Where everything went in RAM and where harts start.
 *
 * @param resetPc      where harts start in M-mode for {@code --bios FILE|none} (the ROM reset vector)
 * @param kernelEntry  the kernel's entry point (S-mode entry under the built-in SBI), or 0 if none
 * @param fdtAddress   the DTB address passed in a1
 * @param tohost       the ELF's {@code tohost} symbol, or 0
 * @param fromhost     the ELF's {@code fromhost} symbol, or 0
 */
public record BootPlan(long resetPc, long kernelEntry, long fdtAddress, long tohost, long fromhost) { }
