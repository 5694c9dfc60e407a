package org.opennexus.machine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opennexus.machine.DriveConfig;
import org.opennexus.machine.Firmware;
import org.opennexus.machine.MachineConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options that define the machine, shared by {@code nexus run} and {@code nexus dtb}. */
final class MachineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "FILE",
            description = "OS image: an ELF (loaded at its physical addresses) or a raw binary (at 0x80200000; "
                    + "0x80000000 with --bios none). Default for run: build/nexus-os.elf.")
    Path kernel;

    @Option(names = "--bios", paramLabel = "builtin|none|FILE", defaultValue = "builtin",
            description = "M-mode firmware: 'builtin' (default) = nexus's SBI in Java, kernel entered in S-mode; "
                    + "'none' = kernel entered in M-mode; FILE = a firmware image at 0x80000000 "
                    + "(e.g. OpenSBI fw_jump.bin or fw_dynamic.bin), started through the reset ROM like QEMU.")
    String bios;

    @Option(names = "--initrd", paramLabel = "FILE", description = "Initial ramdisk (placed like QEMU; /chosen/linux,initrd-*).")
    Path initrd;

    @Option(names = "--append", paramLabel = "CMDLINE", description = "Kernel command line (/chosen/bootargs).")
    String append;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", defaultValue = "256M",
            description = "RAM size at 0x80000000, e.g. 256M, 1G (a bare number is MiB). Default: ${DEFAULT-VALUE}.")
    String memory;

    @Option(names = "--smp", paramLabel = "N", defaultValue = "1", description = "Number of harts (1-8). Default: ${DEFAULT-VALUE}.")
    int smp;

    @Option(names = "--drive", paramLabel = "PATH[,format=raw|lmdb][,readonly]",
            description = "Attach a disk as virtio-blk (repeatable). The first drive takes the last virtio-mmio slot "
                    + "(0x10008000, IRQ 8), the next 0x10007000, ..., like QEMU's -device virtio-blk-device.")
    List<String> drives = new ArrayList<>();

    @Option(names = "--virtio-rng", description = "Add a virtio-rng device after the drives.")
    boolean virtioRng;

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A builder with the machine shape filled in and every named file checked. */
    MachineConfig.Builder toBuilder(Path defaultKernel, boolean kernelRequired) {
        MachineConfig.Builder b = MachineConfig.builder();
        try {
            b.memory(Sizes.parseSize(memory));
        } catch (IllegalArgumentException e) {
            throw usage("--memory: " + e.getMessage());
        }
        switch (bios) {
            case "builtin" -> b.firmware(Firmware.BUILTIN);
            case "none" -> b.firmware(Firmware.NONE);
            default -> b.bios(readable(Path.of(bios), "--bios"));
        }
        Path k = kernel;
        if (k == null && kernelRequired && !isBiosFile()) {
            if (defaultKernel == null || !Files.isRegularFile(defaultKernel)) {
                throw usage("no --kernel given and " + (defaultKernel == null ? "build/nexus-os.elf" : defaultKernel)
                        + " does not exist (build it with 'make' or pass --kernel FILE)");
            }
            k = defaultKernel;
        }
        if (k != null) {
            b.kernel(readable(k, "--kernel"));
        }
        if (initrd != null) {
            b.initrd(readable(initrd, "--initrd"));
        }
        b.append(append);
        b.harts(smp);
        for (String d : drives) {
            DriveConfig dc;
            try {
                dc = DriveSpecs.parse(d);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            if (dc.format() == DriveConfig.Format.RAW) {
                readable(dc.path(), "--drive");
            } else if (!Files.isDirectory(dc.path())) {
                throw usage("--drive " + dc.path() + ": no such LMDB disk directory (create one with the statefs disk tool)");
            }
            b.drive(dc);
        }
        b.virtioRng(virtioRng);
        return b;
    }

    boolean isBiosFile() {
        return !bios.equals("builtin") && !bios.equals("none");
    }

    Path readable(Path p, String option) {
        if (!Files.exists(p)) {
            throw usage(option + " " + p + ": no such file");
        }
        if (!Files.isReadable(p) || Files.isDirectory(p)) {
            throw usage(option + " " + p + ": not a readable file");
        }
        return p;
    }

    /** Builds the config, turning range errors (--smp, --memory) into usage errors. */
    MachineConfig build(MachineConfig.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }
}
