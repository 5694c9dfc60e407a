package org.opennexus.bench.jmh;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opennexus.devices.IrqLine;
import org.opennexus.devices.finisher.FinisherListener;
import org.opennexus.devices.finisher.TestFinisher;
import org.opennexus.devices.uart.Uart16550;
import org.opennexus.jit.CodeCache;
import org.opennexus.jit.Hart;
import org.opennexus.jit.HartPlatform;
import org.opennexus.machine.loader.ElfImage;
import org.opennexus.machine.loader.ImageLoader;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.PhysicalBus;

/**
 * One hart with a bench workload (bench/guest, built by make into ${nexus.build.dir}/guest/bench)
 * loaded on a minimal virt-like bus: RAM, a UART writing nowhere and the test finisher. When the
 * workload powers off, the fixture starts it again from its entry, so a benchmark can run any
 * number of instructions.
 */
final class GuestFixture {
    static final long RAM_BASE = 0x8000_0000L;

    final GuestRam ram = new GuestRam(RAM_BASE, 64L << 20);
    final PhysicalBus bus = new PhysicalBus(ram);
    final Hart hart;
    final long entry;
    final CodeCache codeCache;
    private volatile boolean finished;

    GuestFixture(String workload, String engine) throws Exception {
        bus.map("uart0", 0x1000_0000L, Uart16550.SIZE, new Uart16550(OutputStream.nullOutputStream(), IrqLine.NONE));
        Hart[] self = new Hart[1];
        bus.map("finisher", 0x10_0000L, TestFinisher.SIZE, new TestFinisher(new FinisherListener() {
            @Override public void powerOff() { finished(); }
            @Override public void fail(int code) { throw new IllegalStateException("workload failed: " + code); }
            @Override public void reset() { finished(); }

            private void finished() {
                finished = true;
                self[0].requestStop();
            }
        }));
        Path elf = workloadElf(workload);
        entry = ImageLoader.loadElf(ElfImage.read(elf), ram);
        hart = new Hart(0, bus, new HartPlatform() {
            @Override public long mtime() { return System.nanoTime() / 100; }
            @Override public boolean ecall(Hart h) { return false; }
            @Override public void idle(Hart h, long wakeAtMtime) { h.awaitWake(1_000_000); }
        });
        self[0] = hart;
        codeCache = switch (engine) {
            case "jit" -> new CodeCache(bus);
            case "interp" -> null;
            default -> throw new IllegalArgumentException("engine " + engine);
        };
        if (codeCache != null) hart.useTranslator(codeCache);
        restart();
    }

    static Path workloadElf(String workload) {
        Path dir = Path.of(System.getProperty("nexus.build.dir", "build"), "guest", "bench");
        Path elf = dir.resolve(workload + ".elf");
        if (!Files.isRegularFile(elf)) {
            throw new IllegalStateException(elf + " is missing: run make first");
        }
        return elf;
    }

    private void restart() {
        finished = false;
        hart.setPrivilege(3);
        hart.pc = entry;
        java.util.Arrays.fill(hart.x, 0);
    }

    /** Runs n steps (restarting the workload whenever it finishes); returns instructions retired. */
    long run(long n) {
        long retired = 0;
        long left = n;
        while (left > 0) {
            long before = hart.instret();
            hart.run(left);
            long done = hart.instret() - before;
            retired += done;
            left -= Math.max(done, 1);
            if (finished) restart();
        }
        return retired;
    }
}
