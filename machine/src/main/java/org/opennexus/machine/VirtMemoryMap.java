package org.opennexus.machine;

/**
 * The physical memory map and interrupt numbers of QEMU's {@code virt} board (QEMU 7.2,
 * hw/riscv/virt.c {@code virt_memmap[]} and include/hw/riscv/virt.h), which nexus reproduces.
 */
public final class VirtMemoryMap {
    private VirtMemoryMap() { }

    public static final long MROM_BASE = 0x0000_1000L;
    public static final long MROM_SIZE = 0xf000L;
    public static final long TEST_BASE = 0x0010_0000L;
    public static final long TEST_SIZE = 0x1000L;
    public static final long RTC_BASE = 0x0010_1000L;
    public static final long RTC_SIZE = 0x1000L;
    public static final long CLINT_BASE = 0x0200_0000L;
    public static final long CLINT_SIZE = 0x1_0000L;
    public static final long PLIC_BASE = 0x0c00_0000L;
    /** VIRT_PLIC_SIZE(VIRT_CPUS_MAX * 2) = 0x200000 + 1024 contexts * 0x1000, as in virt.c's memmap. */
    public static final long PLIC_SIZE = 0x60_0000L;
    public static final long UART0_BASE = 0x1000_0000L;
    public static final long UART0_SIZE = 0x100L;
    public static final long VIRTIO_BASE = 0x1000_1000L;
    public static final long VIRTIO_STRIDE = 0x1000L;
    public static final int VIRTIO_COUNT = 8;
    public static final long DRAM_BASE = 0x8000_0000L;

    public static final int UART0_IRQ = 10;
    public static final int RTC_IRQ = 11;
    /** virtio-mmio slot i raises PLIC source VIRTIO_IRQ + i. */
    public static final int VIRTIO_IRQ = 1;
    /** VIRT_IRQCHIP_NUM_SOURCES: the PLIC has sources 1..95 ("riscv,ndev" = 96 in QEMU 7.2's DTB). */
    public static final int PLIC_NUM_SOURCES = 96;
    public static final int PLIC_NUM_PRIORITIES = 7;

    /** 10 MHz, RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ. */
    public static final long TIMEBASE_HZ = 10_000_000L;
    /** Where a kernel goes after firmware on RV64: the firmware end aligned up to 2 MiB (riscv_calc_kernel_start_addr). */
    public static final long KERNEL_BASE = 0x8020_0000L;

    public static long virtioBase(int slot) {
        return VIRTIO_BASE + VIRTIO_STRIDE * slot;
    }

    /**
     * QEMU creates the virtio-mmio transports from the highest address down, and each
     * {@code -device virtio-*-device} plugs into the first free bus, so the n-th device lands in
     * slot {@code 7 - n} (the first at 0x10008000, IRQ 8).
     */
    public static int slotForDevice(int n) {
        if (n < 0 || n >= VIRTIO_COUNT) {
            throw new IllegalArgumentException("at most " + VIRTIO_COUNT + " virtio devices");
        }
        return VIRTIO_COUNT - 1 - n;
    }

    /** Where QEMU 7.2 puts the DTB: 2 MiB aligned below min(end of DRAM, 3 GiB) (riscv_load_fdt). */
    public static long fdtAddress(long dramBase, long memSize, int fdtSize) {
        long end = dramBase + memSize;
        long top = dramBase < 3072L * 1024 * 1024 ? Math.min(end, 3072L * 1024 * 1024) : end;
        return (top - fdtSize) & ~(2L * 1024 * 1024 - 1);
    }

    /** Where QEMU 7.2 puts the initrd: kernel entry + min(mem/2, 128 MiB) (riscv_load_initrd). */
    public static long initrdAddress(long kernelEntry, long memSize) {
        return kernelEntry + Math.min(memSize / 2, 128L * 1024 * 1024);
    }
}
