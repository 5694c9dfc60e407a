package org.opennexus.machine.board;

import static org.opennexus.machine.VirtMemoryMap.*;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.opennexus.devices.block.BlockBackend;
import org.opennexus.devices.clint.Clint;
import org.opennexus.devices.clint.ClintTarget;
import org.opennexus.devices.finisher.FinisherListener;
import org.opennexus.devices.finisher.TestFinisher;
import org.opennexus.devices.plic.Plic;
import org.opennexus.devices.rtc.GoldfishRtc;
import org.opennexus.devices.uart.Uart16550;
import org.opennexus.devices.virtio.VirtioBlk;
import org.opennexus.devices.virtio.VirtioMmio;
import org.opennexus.devices.virtio.VirtioRng;
import org.opennexus.jit.CodeCache;
import org.opennexus.jit.Hart;
import org.opennexus.machine.Engine;
import org.opennexus.jit.Mip;
import org.opennexus.machine.DriveConfig;
import org.opennexus.machine.ExitReason;
import org.opennexus.machine.Firmware;
import org.opennexus.machine.MachineConfig;
import org.opennexus.machine.boot.BootLoader;
import org.opennexus.machine.boot.ResetRom;
import org.opennexus.machine.boot.Rom;
import org.opennexus.machine.htif.Htif;
import org.opennexus.machine.loader.LoadException;
import org.opennexus.machine.sbi.Sbi;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.PhysicalBus;

/**
 * One power-on of the virt board: RAM with the images loaded, every device mapped where QEMU maps
 * it, the harts and their threads. A guest reset builds a new Board.
 */
public final class Board implements AutoCloseable {
    /** Fixed seed for virtio-rng in deterministic mode. */
    static final long DETERMINISTIC_RNG_SEED = 0x6e657875734c4cL;

    private final MachineConfig config;
    private final StopSignal stop;
    private final GuestRam ram;
    private final PhysicalBus bus;
    private final Uart16550 uart;
    private final Clint clint;
    private final Hart[] harts;
    private final HartRunner[] runners;
    private final List<BlockBackend> backends = new ArrayList<>();
    private final BootLoader.Result boot;
    private final List<Thread> threads = new ArrayList<>();

    public Board(MachineConfig config, ConsoleOutput console, StopSignal stop) throws LoadException {
        this.config = config;
        this.stop = stop;
        try {
            this.ram = new GuestRam(DRAM_BASE, config.memoryBytes());
        } catch (OutOfMemoryError | IllegalArgumentException e) {
            throw new LoadException("cannot allocate " + (config.memoryBytes() >> 20) + " MiB of guest RAM: " + e.getMessage());
        }
        this.bus = new PhysicalBus(ram);
        this.boot = BootLoader.load(config, ram);
        int n = config.harts();
        this.harts = new Hart[n];
        this.runners = new HartRunner[n];

        MachineClock clock = config.deterministic()
                ? MachineClock.deterministic(() -> harts[0].instret())
                : MachineClock.realtime();
        this.clint = new Clint(n, new ClintTarget() {
            @Override public void setMsip(int hart, boolean level) { harts[hart].setInterruptPending(Mip.MSIP, level); }
            @Override public void setMtimecmp(int hart, long value) { harts[hart].setMtimecmp(value); }
        }, clock);
        Plic plic = new Plic(n, PLIC_NUM_SOURCES, (context, level) ->
                harts[context / 2].setInterruptPending(context % 2 == 0 ? Mip.MEIP : Mip.SEIP, level));
        this.uart = new Uart16550(console, plic.line(UART0_IRQ));

        bus.map("mrom", MROM_BASE, MROM_SIZE, new Rom(ResetRom.build(boot.firmwareEntry(),
                boot.plan().fdtAddress(), boot.plan().kernelEntry())));
        bus.map("test", TEST_BASE, TEST_SIZE, new TestFinisher(new FinisherListener() {
            @Override public void powerOff() { stop.stop(ExitReason.POWER_OFF, 0, "guest powered off"); }
            @Override public void fail(int code) { stop.stop(ExitReason.FAIL, code & 0xff, "guest failure code " + code); }
            @Override public void reset() { stop.reset(); }
        }));
        GoldfishRtc rtc = new GoldfishRtc(clock::wallClockNanos, plic.line(RTC_IRQ));
        bus.map("rtc", RTC_BASE, RTC_SIZE, rtc);
        bus.map("clint", CLINT_BASE, CLINT_SIZE, clint);
        bus.map("plic", PLIC_BASE, PLIC_SIZE, plic);
        bus.map("uart0", UART0_BASE, UART0_SIZE, uart);
        try {
            mapVirtio(plic);
        } catch (IOException e) {
            close();
            throw new LoadException(e.getMessage());
        }
        if (boot.plan().tohost() != 0) {
            Htif htif = new Htif(ram, console, code -> {
                if (code == 0) {
                    stop.stop(ExitReason.HTIF_PASS, 0, "HTIF: pass");
                } else {
                    stop.stop(ExitReason.HTIF_FAIL, (int) Math.max(1, Math.min(code, 255)), "FAIL: test " + code);
                }
            });
            bus.map("htif.tohost", boot.plan().tohost(), 8, htif.tohostRegister());
            if (boot.plan().fromhost() != 0) {
                bus.map("htif.fromhost", boot.plan().fromhost(), 8, htif.fromhostRegister());
            }
        }

        boolean builtin = config.firmware() == Firmware.BUILTIN;
        Sbi[] sbiRef = new Sbi[1];
        BoardPlatform platform = new BoardPlatform(clint, clock, stop, builtin, sbiRef, uart, rtc);
        // --engine jit: every hart translates hot code; one code cache per machine, shared by all harts
        CodeCache codeCache = config.engine() == Engine.JIT ? new CodeCache(bus, config.jitHotThreshold()) : null;
        for (int h = 0; h < n; h++) {
            harts[h] = new Hart(h, bus, platform);
            if (codeCache != null) harts[h].useTranslator(codeCache);
            runners[h] = new HartRunner(harts[h], stop, !builtin || h == 0);
            runners[h].afterSlice(rtc::tick);   // an RTC alarm fires within one slice even if no hart idles
        }
        stop.onStop(() -> {
            for (HartRunner r : runners) {
                r.halt();
            }
        });
        if (builtin) {
            sbiRef[0] = new Sbi(new BoardSbiHost(runners, ram, uart, platform, stop));
            BuiltinFirmware.setUp(harts, boot.plan());
        } else {
            for (Hart hart : harts) {
                hart.pc = boot.plan().resetPc();
            }
        }
    }

    private void mapVirtio(Plic plic) throws IOException {
        int device = 0;
        VirtioMmio[] slots = new VirtioMmio[VIRTIO_COUNT];
        for (DriveConfig d : config.drives()) {
            BlockBackend backend = DriveBackends.open(d);
            backends.add(backend);
            int slot = slotForDevice(device++);
            slots[slot] = new VirtioMmio(ram, plic.line(VIRTIO_IRQ + slot), new VirtioBlk(backend));
        }
        if (config.virtioRng()) {
            RandomGenerator rng = config.deterministic()
                    ? RandomGeneratorFactory.of("L64X128MixRandom").create(DETERMINISTIC_RNG_SEED)
                    : new SecureRandom();
            int slot = slotForDevice(device);
            slots[slot] = new VirtioMmio(ram, plic.line(VIRTIO_IRQ + slot), new VirtioRng(rng));
        }
        for (int i = 0; i < VIRTIO_COUNT; i++) {
            bus.map("virtio" + i, virtioBase(i), VirtioMmio.SIZE,
                    slots[i] != null ? slots[i] : new EmptyVirtioSlot());
        }
    }

    public Uart16550 uart() { return uart; }
    public GuestRam ram() { return ram; }
    public PhysicalBus bus() { return bus; }
    public Hart hart(int i) { return harts[i]; }

    /** One line per hart: retired instructions, translated units entered and instructions per entry. */
    public String engineStatistics() {
        StringBuilder sb = new StringBuilder();
        for (Hart h : harts) {
            long retired = h.instret();
            long entries = h.unitEntries();
            sb.append(String.format("hart%d: %d instructions, %d unit entries (%.1f instructions per entry)",
                    h.hartId, retired, entries, entries == 0 ? 0.0 : (double) retired / entries));
            if (h.codeCache() != null) {
                sb.append(String.format(", code cache: %d translations (%d again for indirect targets) in %d ms, %d units live, %d KiB bytecode",
                        h.codeCache().translations(), h.codeCache().retranslations(),
                        h.codeCache().translationNanos() / 1_000_000, h.codeCache().size(),
                        h.codeCache().bytecodeBytes() / 1024));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }
    public BootLoader.Result boot() { return boot; }

    /** "hart0 pc=0x... priv=S" for each hart: where a timed-out or failed guest was. */
    public String describeHarts() {
        StringBuilder sb = new StringBuilder();
        for (Hart h : harts) {
            sb.append(sb.isEmpty() ? "" : ", ").append("hart").append(h.hartId).append(" pc=0x")
                    .append(Long.toHexString(h.pc)).append(" priv=").append("USHM".charAt(h.privilege()));
        }
        return sb.toString();
    }

    /** Starts one thread per hart. */
    public void start() {
        for (HartRunner r : runners) {
            threads.add(r.start());
        }
    }

    /** Stops every hart and waits for the threads (at most about a second each). */
    public void halt() throws InterruptedException {
        for (HartRunner r : runners) {
            if (r != null) {
                r.halt();
            }
        }
        for (Thread t : threads) {
            t.join(2000);
        }
        uart.flush();
    }

    @Override
    public void close() {
        for (BlockBackend b : backends) {
            try {
                b.close();
            } catch (IOException e) {
                System.err.println("nexus: closing a disk failed: " + e.getMessage());
            }
        }
        backends.clear();
    }
}
