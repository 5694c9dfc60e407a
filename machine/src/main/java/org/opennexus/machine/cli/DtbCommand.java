package org.opennexus.machine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opennexus.machine.MachineConfig;
import org.opennexus.machine.VirtMemoryMap;
import org.opennexus.machine.boot.BootLoader;
import org.opennexus.machine.fdt.VirtDeviceTree;
import org.opennexus.machine.loader.LoadException;
import org.opennexus.memory.GuestRam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dtb", mixinStandardHelpOptions = true, versionProvider = NexusMain.Version.class,
        description = {"Write the device tree blob the machine would boot with (like QEMU's -machine dumpdtb=FILE).",
                "Without --kernel, an initrd is placed as for a kernel at 0x80200000."})
final class DtbCommand implements Callable<Integer> {
    private final Io io;

    @Mixin
    MachineOptions machine;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the DTB.")
    Path out;

    DtbCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        MachineConfig.Builder b = machine.toBuilder(null, false);
        byte[] dtb;
        try {
            if (machine.kernel != null || machine.isBiosFile()) {
                MachineConfig config = machine.build(b);
                dtb = BootLoader.load(config, new GuestRam(VirtMemoryMap.DRAM_BASE, config.memoryBytes())).dtb();
            } else {
                MachineConfig config = machine.build(b.kernel(Path.of("unused")));
                long initrdStart = 0;
                long initrdEnd = 0;
                if (config.initrd() != null) {
                    initrdStart = VirtMemoryMap.initrdAddress(VirtMemoryMap.KERNEL_BASE, config.memoryBytes());
                    initrdEnd = initrdStart + Files.size(config.initrd());
                }
                dtb = VirtDeviceTree.build(new VirtDeviceTree.Spec(config.memoryBytes(), config.harts(), config.isa(),
                        config.append(), initrdStart, initrdEnd));
            }
        } catch (LoadException e) {
            io.err().println("nexus: " + e.getMessage());
            return NexusMain.EXIT_USAGE;
        }
        try {
            Files.write(out, dtb);
        } catch (IOException e) {
            io.err().println("nexus: --out " + out + ": cannot write: " + e.getMessage());
            return NexusMain.EXIT_USAGE;
        }
        return 0;
    }
}
