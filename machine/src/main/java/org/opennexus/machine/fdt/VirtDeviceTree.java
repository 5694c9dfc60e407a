package org.opennexus.machine.fdt;

import static org.opennexus.machine.VirtMemoryMap.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the device tree QEMU 7.2's virt board generates (hw/riscv/virt.c {@code create_fdt*}) for
 * the devices nexus has: cpus with per-hart interrupt controllers and cpu-map, memory, chosen, the
 * CLINT, PLIC, ns16550a UART, eight virtio-mmio slots, the SiFive test device with syscon
 * poweroff/reboot and the goldfish RTC. QEMU's PCIe, fw-cfg, flash, platform-bus and PMU nodes are
 * left out because nexus has no such devices.
 */
public final class VirtDeviceTree {
    /**
     * Inputs that shape the tree. {@code initrdStart}/{@code initrdEnd} are 0 when there is none;
     * {@code rngSeed} (QEMU 7.2 puts 32 random bytes in /chosen/rng-seed) may be null.
     */
    public record Spec(long memoryBytes, int harts, String isa, String bootargs, long initrdStart, long initrdEnd,
            byte[] rngSeed) {
        public Spec(long memoryBytes, int harts, String isa, String bootargs, long initrdStart, long initrdEnd) {
            this(memoryBytes, harts, isa, bootargs, initrdStart, initrdEnd, null);
        }
    }

    private VirtDeviceTree() { }

    public static byte[] build(Spec spec) {
        return FdtWriter.write(tree(spec), List.of(), 0);
    }

    public static FdtNode tree(Spec spec) {
        int harts = spec.harts();
        int nextPhandle = 1;
        int[] cpuPhandle = new int[harts];
        int[] intcPhandle = new int[harts];
        for (int h = 0; h < harts; h++) {
            cpuPhandle[h] = nextPhandle++;
            intcPhandle[h] = nextPhandle++;
        }
        int plicPhandle = nextPhandle++;
        int testPhandle = nextPhandle++;

        FdtNode root = new FdtNode("");
        root.cells("#address-cells", 2).cells("#size-cells", 2)
                .strings("compatible", "riscv-virtio").strings("model", "riscv-virtio,qemu");

        FdtNode chosen = root.child("chosen");
        if (spec.rngSeed() != null) {
            chosen.prop("rng-seed", spec.rngSeed());
        }
        chosen.strings("stdout-path", "/soc/serial@10000000");
        if (spec.bootargs() != null) {
            chosen.strings("bootargs", spec.bootargs());
        }
        if (spec.initrdEnd() > spec.initrdStart()) {
            // QEMU 7.2 writes one cell (qemu_fdt_setprop_cell); Linux reads either size. Two cells above 4 GiB.
            if (spec.initrdEnd() <= 0xffff_ffffL) {
                chosen.cells("linux,initrd-start", (int) spec.initrdStart());
                chosen.cells("linux,initrd-end", (int) spec.initrdEnd());
            } else {
                chosen.cells64("linux,initrd-start", spec.initrdStart());
                chosen.cells64("linux,initrd-end", spec.initrdEnd());
            }
        }

        root.child("memory@" + hex(DRAM_BASE)).strings("device_type", "memory")
                .cells64("reg", DRAM_BASE, spec.memoryBytes());

        FdtNode cpus = root.child("cpus");
        cpus.cells("#address-cells", 1).cells("#size-cells", 0).cells("timebase-frequency", (int) TIMEBASE_HZ);
        String[] extensions = isaExtensions(spec.isa());
        for (int h = 0; h < harts; h++) {
            FdtNode cpu = cpus.child("cpu@" + h);
            cpu.cells("phandle", cpuPhandle[h]).strings("device_type", "cpu").cells("reg", h)
                    .strings("status", "okay").strings("compatible", "riscv")
                    .strings("riscv,isa", spec.isa())
                    .strings("riscv,isa-base", isaBase(spec.isa()))
                    .strings("riscv,isa-extensions", extensions)
                    .strings("mmu-type", "riscv,sv48");
            cpu.child("interrupt-controller").cells("#interrupt-cells", 1).empty("interrupt-controller")
                    .strings("compatible", "riscv,cpu-intc").cells("phandle", intcPhandle[h]);
        }
        FdtNode cluster = cpus.child("cpu-map").child("cluster0");
        for (int h = 0; h < harts; h++) {
            cluster.child("core" + h).cells("cpu", cpuPhandle[h]);
        }

        root.child("poweroff").strings("compatible", "syscon-poweroff").cells("regmap", testPhandle)
                .cells("offset", 0).cells("value", 0x5555);
        root.child("reboot").strings("compatible", "syscon-reboot").cells("regmap", testPhandle)
                .cells("offset", 0).cells("value", 0x7777);

        FdtNode soc = root.child("soc");
        soc.cells("#address-cells", 2).cells("#size-cells", 2).strings("compatible", "simple-bus").empty("ranges");

        soc.child("rtc@" + hex(RTC_BASE)).cells("interrupts", RTC_IRQ).cells("interrupt-parent", plicPhandle)
                .cells64("reg", RTC_BASE, RTC_SIZE).strings("compatible", "google,goldfish-rtc");
        soc.child("serial@" + hex(UART0_BASE)).cells("interrupts", UART0_IRQ).cells("interrupt-parent", plicPhandle)
                .cells("clock-frequency", 0x384000).cells64("reg", UART0_BASE, UART0_SIZE)
                .strings("compatible", "ns16550a");
        soc.child("test@" + hex(TEST_BASE)).cells("phandle", testPhandle).cells64("reg", TEST_BASE, TEST_SIZE)
                .strings("compatible", "sifive,test1", "sifive,test0", "syscon");
        for (int i = VIRTIO_COUNT - 1; i >= 0; i--) {
            long base = virtioBase(i);
            soc.child("virtio_mmio@" + hex(base)).cells("interrupts", VIRTIO_IRQ + i)
                    .cells("interrupt-parent", plicPhandle).cells64("reg", base, VIRTIO_STRIDE)
                    .strings("compatible", "virtio,mmio");
        }
        int[] plicIrqs = new int[harts * 4];
        int[] clintIrqs = new int[harts * 4];
        for (int h = 0; h < harts; h++) {
            // PLIC contexts 2h (M external, cause 11) and 2h+1 (S external, cause 9).
            plicIrqs[h * 4] = intcPhandle[h];
            plicIrqs[h * 4 + 1] = 11;
            plicIrqs[h * 4 + 2] = intcPhandle[h];
            plicIrqs[h * 4 + 3] = 9;
            // CLINT: M software (3) and M timer (7).
            clintIrqs[h * 4] = intcPhandle[h];
            clintIrqs[h * 4 + 1] = 3;
            clintIrqs[h * 4 + 2] = intcPhandle[h];
            clintIrqs[h * 4 + 3] = 7;
        }
        soc.child("plic@" + hex(PLIC_BASE)).cells("phandle", plicPhandle).cells("riscv,ndev", PLIC_NUM_SOURCES)
                .cells64("reg", PLIC_BASE, PLIC_SIZE).cells("interrupts-extended", plicIrqs)
                .empty("interrupt-controller").strings("compatible", "sifive,plic-1.0.0", "riscv,plic0")
                .cells("#address-cells", 0).cells("#interrupt-cells", 1);
        soc.child("clint@" + hex(CLINT_BASE)).cells("interrupts-extended", clintIrqs)
                .cells64("reg", CLINT_BASE, CLINT_SIZE).strings("compatible", "sifive,clint0", "riscv,clint0");
        return root;
    }

    /** "rv64imafdc_zicsr" -> "rv64i". */
    static String isaBase(String isa) {
        String lower = isa.toLowerCase();
        return lower.substring(0, Math.min(lower.length(), 5));
    }

    /** "rv64imafdc_zicsr_zifencei" -> ["i","m","a","f","d","c","zicsr","zifencei"]. */
    static String[] isaExtensions(String isa) {
        String lower = isa.toLowerCase();
        String[] parts = lower.split("_");
        List<String> out = new ArrayList<>();
        String single = parts[0].length() > 4 ? parts[0].substring(4) : "";
        for (char c : single.toCharArray()) {
            out.add(String.valueOf(c));
        }
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                out.add(parts[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }
}
