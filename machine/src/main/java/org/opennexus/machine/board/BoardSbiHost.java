package org.opennexus.machine.board;

import org.opennexus.devices.uart.Uart16550;
import org.opennexus.jit.Csr;
import org.opennexus.jit.Hart;
import org.opennexus.jit.Mip;
import org.opennexus.machine.ExitReason;
import org.opennexus.machine.sbi.SbiHost;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.Trap;

/**
 * The board side of the built-in SBI. The console goes through UART0's registers, as OpenSBI's
 * uart8250 driver does, so SBI and UART output interleave correctly. Anything aimed at another hart
 * is posted to that hart's runner and applied on its own thread.
 */
final class BoardSbiHost implements SbiHost {
    private static final int THR = 0, RBR = 0, LSR = 5, LSR_DR = 1;

    private final HartRunner[] runners;
    private final GuestRam ram;
    private final Uart16550 uart;
    private final BoardPlatform platform;
    private final StopSignal stop;

    BoardSbiHost(HartRunner[] runners, GuestRam ram, Uart16550 uart, BoardPlatform platform, StopSignal stop) {
        this.runners = runners;
        this.ram = ram;
        this.uart = uart;
        this.platform = platform;
        this.stop = stop;
    }

    @Override public int hartCount() { return runners.length; }

    @Override
    public long machineInfoCsr(int hart, int csr) {
        return runners[hart].hart().readCsr(csr);
    }

    @Override
    public void consoleWrite(byte b) {
        uart.write(THR, 1, b & 0xff);
    }

    @Override
    public int consoleRead() {
        if ((uart.read(LSR, 1) & LSR_DR) == 0) {
            return -1;
        }
        return (int) uart.read(RBR, 1) & 0xff;
    }

    @Override
    public boolean readRam(long paddr, byte[] dst, int length) {
        if (!ram.contains(paddr, length)) {
            return false;
        }
        ram.copyOut(paddr, dst, 0, length);
        return true;
    }

    @Override
    public Long loadVirtual64(int hart, long vaddr) {
        try {
            return runners[hart].hart().mmu().load(vaddr, 8);
        } catch (Trap t) {
            return null;
        }
    }

    @Override
    public boolean writeRam(long paddr, byte[] src, int length) {
        if (!ram.contains(paddr, length)) {
            return false;
        }
        ram.copyIn(paddr, src, 0, length);
        return true;
    }

    @Override
    public void setTimer(int hart, long stimecmp) {
        runners[hart].hart().writeCsr(Csr.STIMECMP, stimecmp);
    }

    @Override
    public void sendSupervisorSoftwareInterrupt(int hart) {
        HartRunner r = runners[hart];
        if (r.onOwnThread()) {
            Hart h = r.hart();
            h.writeCsr(Csr.MIP, h.readCsr(Csr.MIP) | Mip.SSIP);
        } else {
            r.post(HartRunner.REQ_SSIP);
        }
    }

    @Override
    public void clearSupervisorSoftwareInterrupt(int hart) {
        Hart h = runners[hart].hart();
        h.writeCsr(Csr.MIP, h.readCsr(Csr.MIP) & ~Mip.SSIP);
    }

    @Override
    public void remoteSfenceVma(int hart) {
        HartRunner r = runners[hart];
        if (r.onOwnThread()) {
            r.hart().mmu().flushAll();
        } else {
            r.post(HartRunner.REQ_SFENCE);
        }
    }

    @Override
    public void remoteFenceI(int hart) {
        HartRunner r = runners[hart];
        if (!r.onOwnThread()) {
            r.post(HartRunner.REQ_FENCE_I);
        }
    }

    @Override
    public void startHart(int hart, long startAddr, long opaque) {
        runners[hart].requestStart(startAddr, opaque);
    }

    @Override
    public void resumeAt(int hart, long addr) {
        HartRunner r = runners[hart];
        long a0 = r.hart().x[10];
        long a1 = r.hart().x[11];
        r.enterSupervisor(addr - 4, a1); // the hart adds 4 after a handled ECALL
        r.hart().x[10] = a0;
    }

    @Override
    public void stopHart(int hart) {
        runners[hart].stopSelf();
    }

    @Override
    public void waitForInterrupt(int hart) {
        HartRunner r = runners[hart];
        Hart h = r.hart();
        while (!stop.stopped()) {
            r.applyRequests(); // an IPI posted by another hart lands here while this one is suspended
            if ((h.readCsr(Csr.MIP) & h.readCsr(Csr.MIE)) != 0) {
                break;
            }
            platform.idle(h, h.readCsr(Csr.STIMECMP));
        }
    }

    @Override
    public void shutdown(boolean failure) {
        if (failure) {
            stop.stop(ExitReason.FAIL, 1, "SBI system reset: shutdown with reason system failure");
        } else {
            stop.stop(ExitReason.POWER_OFF, 0, "SBI system reset: shutdown");
        }
    }

    @Override
    public void reboot() {
        stop.reset();
    }
}
