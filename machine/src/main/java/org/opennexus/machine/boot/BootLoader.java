package org.opennexus.machine.boot;

import java.nio.file.Path;
import org.opennexus.machine.Firmware;
import org.opennexus.machine.MachineConfig;
import org.opennexus.machine.VirtMemoryMap;
import org.opennexus.machine.fdt.VirtDeviceTree;
import org.opennexus.machine.loader.ElfImage;
import org.opennexus.machine.loader.ImageLoader;
import org.opennexus.machine.loader.LoadException;
import org.opennexus.memory.GuestRam;

/**
 * Puts firmware, kernel, initrd and DTB into RAM the way QEMU 7.2's virt board does
 * (hw/riscv/virt.c {@code virt_machine_done}, hw/riscv/boot.c):
 * <ul>
 *   <li>{@code --bios FILE}: firmware at 0x80000000 (an ELF at its own addresses); a raw kernel at the
 *       firmware's end rounded up to 2 MiB (0x80200000 for OpenSBI);</li>
 *   <li>{@code --bios builtin}: a raw kernel at 0x80200000, as after OpenSBI;</li>
 *   <li>{@code --bios none}: a raw kernel at 0x80000000;</li>
 *   <li>an ELF kernel always at its own physical addresses;</li>
 *   <li>the initrd at kernel entry + min(RAM/2, 128 MiB); the DTB 2 MiB-aligned just below the end
 *       of RAM (or 3 GiB).</li>
 * </ul>
 */
public final class BootLoader {
    private static final long TWO_MIB = 2L << 20;

    private BootLoader() { }

    /** Loads the images of {@code config} into {@code ram}; returns the DTB and where things went. */
    public static Result load(MachineConfig config, GuestRam ram) throws LoadException {
        long firmwareEnd = VirtMemoryMap.DRAM_BASE;
        if (config.firmware() == Firmware.FILE) {
            firmwareEnd = loadImage(config.biosFile(), "bios", ram, VirtMemoryMap.DRAM_BASE).end;
        }
        long kernelEntry = 0;
        long tohost = 0;
        long fromhost = 0;
        long kernelEnd = 0;
        if (config.kernel() != null) {
            long rawBase = switch (config.firmware()) {
                case BUILTIN -> VirtMemoryMap.KERNEL_BASE;
                case NONE -> VirtMemoryMap.DRAM_BASE;
                case FILE -> (firmwareEnd + TWO_MIB - 1) & ~(TWO_MIB - 1);
            };
            Loaded k = loadImage(config.kernel(), "kernel", ram, rawBase);
            kernelEntry = k.entry;
            kernelEnd = k.end;
            if (k.elf != null) {
                tohost = k.elf.symbol("tohost").orElse(0L);
                fromhost = k.elf.symbol("fromhost").orElse(0L);
            }
        }
        long initrdStart = 0;
        long initrdEnd = 0;
        if (config.initrd() != null) {
            byte[] image = ImageLoader.readFile(config.initrd(), "initrd");
            long base = kernelEntry != 0 ? kernelEntry : VirtMemoryMap.KERNEL_BASE;
            initrdStart = VirtMemoryMap.initrdAddress(base, config.memoryBytes());
            if (initrdStart < kernelEnd) {
                throw new LoadException("initrd " + config.initrd() + ": would overlap the kernel (RAM too small?)");
            }
            initrdEnd = ImageLoader.loadRaw("initrd " + config.initrd(), image, ram, initrdStart);
        }
        byte[] dtb = VirtDeviceTree.build(new VirtDeviceTree.Spec(config.memoryBytes(), config.harts(), config.isa(),
                config.append(), initrdStart, initrdEnd, rngSeed(config.deterministic())));
        long fdt = VirtMemoryMap.fdtAddress(ram.base(), ram.size(), dtb.length);
        if (fdt < Math.max(Math.max(firmwareEnd, kernelEnd), initrdEnd)) {
            throw new LoadException("RAM too small: the device tree at 0x" + Long.toHexString(fdt)
                    + " would overlap the loaded images");
        }
        ImageLoader.loadRaw("device tree", dtb, ram, fdt);
        long resetPc = VirtMemoryMap.MROM_BASE;
        return new Result(new BootPlan(resetPc, kernelEntry, fdt, tohost, fromhost), dtb,
                config.firmware() == Firmware.FILE ? VirtMemoryMap.DRAM_BASE : kernelEntry);
    }

    /**
     * @param plan          where things went
     * @param dtb           the device tree blob (also in RAM at plan.fdtAddress)
     * @param firmwareEntry where the ROM reset vector jumps
     */
    public record Result(BootPlan plan, byte[] dtb, long firmwareEntry) { }

    /** 32 bytes for /chosen/rng-seed, like QEMU 7.2; fixed in deterministic mode. */
    static byte[] rngSeed(boolean deterministic) {
        byte[] seed = new byte[32];
        if (deterministic) {
            new java.util.SplittableRandom(0x6e65787573L).nextBytes(seed);
        } else {
            new java.security.SecureRandom().nextBytes(seed);
        }
        return seed;
    }

    private record Loaded(long entry, long end, ElfImage elf) { }

    private static Loaded loadImage(Path file, String what, GuestRam ram, long rawBase) throws LoadException {
        byte[] bytes = ImageLoader.readFile(file, what);
        if (ElfImage.hasElfMagic(bytes)) {
            ElfImage elf = ElfImage.parse(what + " " + file, bytes);
            long entry = ImageLoader.loadElf(elf, ram);
            return new Loaded(entry, elf.highAddress(), elf);
        }
        if (bytes.length == 0) {
            throw new LoadException(what + " " + file + ": empty file");
        }
        long end = ImageLoader.loadRaw(what + " " + file, bytes, ram, rawBase);
        return new Loaded(rawBase, end, null);
    }
}
