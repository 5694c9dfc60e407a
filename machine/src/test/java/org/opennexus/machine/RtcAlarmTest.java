package org.opennexus.machine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.testutil.Guest;

/**
 * The goldfish RTC alarm wakes a hart waiting in WFI with no timer armed: the board polls the RTC
 * when a hart idles (and bounds the sleep by the alarm) and after every run slice.
 */
class RtcAlarmTest {
    @TempDir
    Path tmp;

    /**
     * Arms the alarm 50 ms ahead (goldfish: TIME_LOW latches TIME_HIGH; writing ALARM_LOW arms),
     * routes RTC IRQ 11 through the PLIC to hart 0's M context, WFIs until MEIP, claims the source
     * and prints "ALARM <id>".
     */
    static final String PROGRAM = """
            .globl _start
            _start:
                li s0, 0x101000          # goldfish RTC
                lw t0, 0x00(s0)          # TIME_LOW (latches TIME_HIGH)
                lw t1, 0x04(s0)          # TIME_HIGH
                slli t1, t1, 32
                slli t0, t0, 32
                srli t0, t0, 32
                or t0, t0, t1
                li t2, 50000000          # + 50 ms: certainly after the set-up, in the WFI
                add t0, t0, t2
                srli t1, t0, 32
                sw t1, 0x0c(s0)          # ALARM_HIGH
                sw t0, 0x08(s0)          # ALARM_LOW: arms
                li t0, 1
                sw t0, 0x10(s0)          # IRQ_ENABLED
                li s1, 0x0c000000        # PLIC
                li t0, 1
                sw t0, 44(s1)            # priority[11] = 1
                li t1, 0x0c002000
                li t0, 0x800
                sw t0, 0(t1)             # context 0 (hart 0 M) enables source 11
                li t1, 0x0c200000
                sw zero, 0(t1)           # threshold 0
                li t0, 0x800
                csrs mie, t0             # MEIE (mstatus.MIE stays 0: WFI still wakes)
            1:  wfi
                csrr t0, mip
                srli t0, t0, 11          # MEIP
                andi t0, t0, 1
                beqz t0, 1b
                lw s2, 4(t1)             # claim
                sw zero, 0x1c(s0)        # CLEAR_INTERRUPT
                sw s2, 4(t1)             # complete
                la a0, msg
                call puts
                addi a0, s2, '0' - 10    # ids 10..19 print as their last digit after "1"
                li a1, 10
                blt s2, a1, 2f
                li a0, '1'
                call putc
                addi a0, s2, '0' - 10
            2:  call putc
                li a0, '\\n'
                call putc
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            3:  j 3b
            puts:
                mv t5, ra
                mv t4, a0
            4:  lbu a0, 0(t4)
                beqz a0, 5f
                call putc
                addi t4, t4, 1
                j 4b
            5:  mv ra, t5
                ret
            msg: .asciz "ALARM "
                .balign 4
            """ + Guest.PUTC;

    @Test
    void anRtcAlarmWakesAHartWaitingInWfi() throws Exception {
        Path elf = Guest.assemble(tmp, "rtc", PROGRAM, 0x8000_0000L);
        MachineConfig c = MachineConfig.builder().kernel(elf).firmware(Firmware.NONE).memory(32L << 20)
                .timeout(Duration.ofSeconds(20)).build();
        try (VirtMachine m = new VirtMachine(c)) {
            RunResult r = m.run();
            assertEquals(ExitReason.POWER_OFF, r.reason(), r.detail() + "\n" + r.uartOutput());
            assertTrue(r.uartOutput().contains("ALARM 11"), r.uartOutput());
        }
    }
}
