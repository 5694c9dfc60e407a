package org.opennexus.machine;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines one virt machine run. Build with {@link #builder()}.
 *
 * @param kernel       the OS image (ELF or raw); may be null with {@link Firmware#FILE} only
 * @param firmware     what runs in M-mode
 * @param biosFile     the firmware image for {@link Firmware#FILE}, else null
 * @param initrd       optional initial ramdisk, or null
 * @param append       kernel command line for /chosen/bootargs, or null
 * @param memoryBytes  DRAM size at 0x80000000
 * @param harts        number of harts (1..8)
 * @param drives       disks, in virtio slot order (see {@link VirtMemoryMap#slotForDevice})
 * @param engine       execution engine
 * @param deterministic mtime from retired instructions, seeded RNG
 * @param virtioRng    add a virtio-rng device after the drives
 * @param markers      ordered UART markers; the run ends with {@link ExitReason#MARKER} when the last appears
 * @param timeout      wall-clock limit, or null for none
 * @param console      where UART output is echoed as it arrives (it is always captured too), or null
 * @param consoleInput bytes fed to the UART receiver, or null
 * @param isa          the {@code riscv,isa} string for the device tree
 * @param jitHotThreshold with {@link Engine#JIT}: visits of a pc before its code is translated
 *                     (1 translates everything at once: used by the test runners)
 */
public record MachineConfig(Path kernel, Firmware firmware, Path biosFile, Path initrd, String append,
        long memoryBytes, int harts, List<DriveConfig> drives, Engine engine, boolean deterministic,
        boolean virtioRng, List<String> markers, Duration timeout, OutputStream console,
        InputStream consoleInput, String isa, int jitHotThreshold) {

    public static final long DEFAULT_MEMORY = 256L * 1024 * 1024;
    public static final int MAX_HARTS = 8;
    public static final long MIN_MEMORY = 16L << 20;
    /** RAM is allocated (and zeroed) up front off-heap, so nexus caps it. */
    public static final long MAX_MEMORY = 16L << 30;
    /** Extensions the nexus hart implements, in canonical order (ISA manual, "ISA Extension Naming Conventions"). */
    public static final String DEFAULT_ISA = "rv64imafdc_zicond_zicsr_zifencei_zba_zbb_zbs_sstc";

    public MachineConfig {
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(engine, "engine");
        drives = List.copyOf(drives);
        markers = List.copyOf(markers);
        if (harts < 1 || harts > MAX_HARTS) {
            throw new IllegalArgumentException("--smp must be between 1 and " + MAX_HARTS + ": " + harts);
        }
        if (memoryBytes < MIN_MEMORY || memoryBytes > MAX_MEMORY || (memoryBytes & 0xfff) != 0) {
            throw new IllegalArgumentException("--memory must be 16M..16G and a multiple of 4K: " + memoryBytes);
        }
        if (drives.size() + (virtioRng ? 1 : 0) > VirtMemoryMap.VIRTIO_COUNT) {
            throw new IllegalArgumentException("at most " + VirtMemoryMap.VIRTIO_COUNT + " virtio devices");
        }
        if (firmware == Firmware.FILE && biosFile == null) {
            throw new IllegalArgumentException("firmware FILE needs a bios file");
        }
        if (firmware != Firmware.FILE && kernel == null) {
            throw new IllegalArgumentException("no kernel given");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; every setter returns {@code this}. */
    public static final class Builder {
        private Path kernel;
        private Firmware firmware = Firmware.BUILTIN;
        private Path biosFile;
        private Path initrd;
        private String append;
        private long memoryBytes = DEFAULT_MEMORY;
        private int harts = 1;
        private final List<DriveConfig> drives = new ArrayList<>();
        private Engine engine = Engine.JIT;
        private int jitHotThreshold = org.opennexus.jit.CodeCache.DEFAULT_HOT_THRESHOLD;
        private boolean deterministic;
        private boolean virtioRng;
        private final List<String> markers = new ArrayList<>();
        private Duration timeout;
        private OutputStream console;
        private InputStream consoleInput;
        private String isa = DEFAULT_ISA;

        public Builder kernel(Path p) { kernel = p; return this; }
        public Builder firmware(Firmware f) { firmware = f; return this; }
        /** Real M-mode firmware from a file (sets {@link Firmware#FILE}). */
        public Builder bios(Path p) { biosFile = p; firmware = Firmware.FILE; return this; }
        public Builder initrd(Path p) { initrd = p; return this; }
        public Builder append(String s) { append = s; return this; }
        public Builder memory(long bytes) { memoryBytes = bytes; return this; }
        public Builder harts(int n) { harts = n; return this; }
        public Builder drive(DriveConfig d) { drives.add(d); return this; }
        public Builder engine(Engine e) { engine = e; return this; }
        public Builder deterministic(boolean b) { deterministic = b; return this; }
        public Builder virtioRng(boolean b) { virtioRng = b; return this; }
        public Builder marker(String m) { markers.add(m); return this; }
        public Builder markers(List<String> m) { markers.addAll(m); return this; }
        public Builder timeout(Duration d) { timeout = d; return this; }
        public Builder console(OutputStream out) { console = out; return this; }
        public Builder consoleInput(InputStream in) { consoleInput = in; return this; }
        public Builder isa(String s) { isa = s; return this; }
        public Builder jitHotThreshold(int n) { jitHotThreshold = n; return this; }

        public MachineConfig build() {
            return new MachineConfig(kernel, firmware, biosFile, initrd, append, memoryBytes, harts, drives,
                    engine, deterministic, virtioRng, markers, timeout, console, consoleInput, isa, jitHotThreshold);
        }
    }
}
