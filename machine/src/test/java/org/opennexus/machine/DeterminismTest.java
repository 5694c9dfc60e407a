package org.opennexus.machine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.testutil.Guest;

/** --deterministic: mtime is instructions retired by hart 0 / 100, and WFI jumps to the timer deadline. */
class DeterminismTest {
    @TempDir
    Path tmp;

    /** Prints mtime (CLINT 0x200bff8) in hex after a busy loop, then again after a WFI for 5,000,000 ticks, and powers off. */
    static final String PROGRAM = """
            .globl _start
            _start:
                li s0, 0x200bff8
                li t0, 100000
            1:  addi t0, t0, -1
                bnez t0, 1b
                ld a1, 0(s0)
                call puthex
                # MTIP after 5,000,000 ticks: mtimecmp = mtime + 5000000, WFI until it is pending
                li s1, 0x2004000
                ld t0, 0(s0)
                li t1, 5000000
                add t0, t0, t1
                sd t0, 0(s1)
                li t0, 0x80
                csrs mie, t0
            2:  wfi
                csrr t0, mip
                andi t0, t0, 0x80
                beqz t0, 2b
                ld a1, 0(s0)
                call puthex
                li t0, 0x100000
                li t1, 0x5555
                sw t1, 0(t0)
            3:  j 3b
            puthex:
                mv s2, ra
                li s3, 60
            4:  srl t2, a1, s3
                andi t2, t2, 15
                li t3, 10
                addi a0, t2, '0'
                blt t2, t3, 5f
                addi a0, t2, 'a' - 10
            5:  call putc
                addi s3, s3, -4
                bgez s3, 4b
                li a0, '\\n'
                call putc
                mv ra, s2
                ret
            """ + Guest.PUTC;

    private String run(Path elf) throws Exception {
        MachineConfig c = MachineConfig.builder().kernel(elf).firmware(Firmware.NONE).deterministic(true)
                .timeout(Duration.ofSeconds(30)).build();
        try (VirtMachine m = new VirtMachine(c)) {
            RunResult r = m.run();
            assertEquals(ExitReason.POWER_OFF, r.reason(), r.detail());
            return r.uartOutput();
        }
    }

    @Test
    void singleHartRunsAreRepeatableAndTimeFollowsInstructions() throws Exception {
        Path elf = Guest.assemble(tmp, "det", PROGRAM, 0x8000_0000L);
        String first = run(elf);
        String second = run(elf);
        assertEquals(first, second, "bit-for-bit repeatable");
        String[] lines = first.split("\n");
        long t1 = Long.parseUnsignedLong(lines[0], 16);
        long t2 = Long.parseUnsignedLong(lines[1], 16);
        // The loop retires 2 * 100000 instructions plus a handful from the ROM and setup: 2000 ticks at 100/tick.
        assertTrue(t1 >= 2000 && t1 <= 2010, "mtime after ~200k instructions: " + t1);
        // WFI skipped ahead to the deadline: at least 5,000,000 ticks later, with only a few instructions run.
        assertTrue(t2 - t1 >= 5_000_000 && t2 - t1 <= 5_000_010, "mtime after WFI: " + (t2 - t1));
    }
}
