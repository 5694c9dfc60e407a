package org.opennexus.machine.board;

import org.opennexus.devices.clint.Clint;
import org.opennexus.devices.rtc.GoldfishRtc;
import org.opennexus.devices.uart.Uart16550;
import org.opennexus.jit.Hart;
import org.opennexus.jit.HartPlatform;
import org.opennexus.jit.Privilege;
import org.opennexus.machine.ExitReason;
import org.opennexus.machine.boot.ResetRom;
import org.opennexus.machine.sbi.Sbi;

/** What the harts see of the board: mtime from the CLINT, the built-in SBI on ECALL, WFI idling. */
final class BoardPlatform implements HartPlatform {
    private final Clint clint;
    private final MachineClock clock;
    private final StopSignal stop;
    private final boolean builtinSbi;
    private final Sbi[] sbi;
    private final Uart16550 uart;
    private final GoldfishRtc rtc;

    BoardPlatform(Clint clint, MachineClock clock, StopSignal stop, boolean builtinSbi, Sbi[] sbi,
                  Uart16550 uart, GoldfishRtc rtc) {
        this.uart = uart;
        this.rtc = rtc;
        this.clint = clint;
        this.clock = clock;
        this.stop = stop;
        this.builtinSbi = builtinSbi;
        this.sbi = sbi;
    }

    @Override
    public long mtime() {
        return clint.mtime();
    }

    @Override
    public boolean ecall(Hart hart) {
        if (!builtinSbi) {
            return false;
        }
        int priv = hart.privilege();
        if (priv == Privilege.PRV_S) {
            sbi[0].call(hart.hartId, hart.x);
            return true;
        }
        if (priv == Privilege.PRV_M && hart.x[17] == ResetRom.TRAP_STUB_EID) {
            // The ROM trap stub: an exception reached M-mode, where the built-in SBI has no handler.
            stop.stop(ExitReason.ERROR, 3, String.format(
                    "hart %d: unexpected trap to M-mode: mcause=0x%x mepc=0x%x mtval=0x%x",
                    hart.hartId, hart.x[10], hart.x[11], hart.x[12]));
            hart.requestStop();
            return true;
        }
        return false;
    }

    @Override
    public void idle(Hart hart, long wakeAtMtime) {
        if (stop.stopped()) {
            return;
        }
        uart.flush();   // a prompt without a newline must be visible while the guest waits for input
        rtc.tick();
        long alarm = rtc.alarmDeadline();   // guest wall-clock ns; mtime ticks are 100 ns
        if (alarm != Long.MAX_VALUE) {
            long alarmMtime = clint.mtime() + Math.max(0, (alarm - clock.wallClockNanos()) / 100);
            if (Long.compareUnsigned(alarmMtime, wakeAtMtime) < 0) {
                wakeAtMtime = alarmMtime;
            }
        }
        clock.idle(hart, wakeAtMtime, clint::mtime);
        rtc.tick();
    }
}
