package org.opennexus.machine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.testutil.Guest;

/** Machine exits through the sifive,test finisher (QEMU hw/misc/sifive_test.c) and riscv-tests' HTIF, from M-mode. */
class FinisherHtifTest {
    @TempDir
    Path tmp;

    private RunResult runMachineMode(String name, String body) throws Exception {
        Path elf = Guest.assemble(tmp, name, """
                .globl _start
                _start:
                """ + body + """
                1:  j 1b
                """ + Guest.PUTC + """
                .section .tohost,"aw",@progbits
                .align 6
                .globl tohost
                tohost: .dword 0
                .align 6
                .globl fromhost
                fromhost: .dword 0
                """, 0x8000_0000L);
        MachineConfig c = MachineConfig.builder().kernel(elf).firmware(Firmware.NONE)
                .timeout(Duration.ofSeconds(20)).build();
        try (VirtMachine m = new VirtMachine(c)) {
            return m.run();
        }
    }

    private static final String FINISHER = "li t0, 0x100000\n";

    @Test
    void finisherPassPowersOff() throws Exception {
        RunResult r = runMachineMode("pass", FINISHER + "li t1, 0x5555\nsw t1, 0(t0)\n");
        assertEquals(ExitReason.POWER_OFF, r.reason());
        assertEquals(0, r.exitCode());
    }

    @Test
    void finisherFailCarriesTheCode() throws Exception {
        // FINISHER_FAIL with code 42 in bits 31:16, as QEMU's sifive_test: exit(code).
        RunResult r = runMachineMode("fail", FINISHER + "li t1, (42 << 16) | 0x3333\nsw t1, 0(t0)\n");
        assertEquals(ExitReason.FAIL, r.reason());
        assertEquals(42, r.exitCode());
    }

    @Test
    void finisherResetRebootsTheMachine() throws Exception {
        // The second "boot" marker can only appear after a reset has reloaded the image and restarted the hart:
        // the program writes a counter in RAM which a reset reloads to 0.
        Path elf = Guest.assemble(tmp, "reset", """
                .globl _start
                _start:
                    la t2, count
                    ld t3, 0(t2)
                    addi t3, t3, 1
                    sd t3, 0(t2)
                    li t4, 1
                    bne t3, t4, bad
                    li a0, 'b'
                    call putc
                    li a0, '\\n'
                    call putc
                    li t0, 0x100000
                    li t1, 0x7777
                    sw t1, 0(t0)
                bad:
                    li a0, '!'
                    call putc
                1:  j 1b
                """ + Guest.PUTC + """
                .data
                .align 3
                count: .dword 0
                """, 0x8000_0000L);
        MachineConfig c = MachineConfig.builder().kernel(elf).firmware(Firmware.NONE)
                .marker("b\n").marker("b\n").timeout(Duration.ofSeconds(20)).build();
        try (VirtMachine m = new VirtMachine(c)) {
            RunResult r = m.run();
            assertEquals(ExitReason.MARKER, r.reason(), r.detail());
            assertEquals("b\nb\n", r.uartOutput());
        }
    }

    @Test
    void htifPass() throws Exception {
        RunResult r = runMachineMode("htifpass", "la t0, tohost\nli t1, 1\nsd t1, 0(t0)\n");
        assertEquals(ExitReason.HTIF_PASS, r.reason());
        assertEquals(0, r.exitCode());
    }

    @Test
    void htifFailReportsTheTestNumber() throws Exception {
        RunResult r = runMachineMode("htiffail", "la t0, tohost\nli t1, (7 << 1) | 1\nsd t1, 0(t0)\n");
        assertEquals(ExitReason.HTIF_FAIL, r.reason());
        assertEquals(7, r.exitCode());
        assertEquals("FAIL: test 7", r.detail());
    }

    @Test
    void htifConsolePutchar() throws Exception {
        // device 1, command 1, payload = character; the host acknowledges by clearing tohost.
        RunResult r = runMachineMode("htifputc", """
                    la t0, tohost
                    li t1, (1 << 56) | (1 << 48) | 'h'
                    sd t1, 0(t0)
                2:  ld t2, 0(t0)
                    bnez t2, 2b
                    li t1, (1 << 56) | (1 << 48) | 'i'
                    sd t1, 0(t0)
                    li t1, 1
                    sd t1, 0(t0)
                """);
        assertEquals("hi", r.uartOutput());
        assertEquals(ExitReason.HTIF_PASS, r.reason());
    }

    @Test
    void resetVectorPassesHartIdDtbAndFwDynamicInfo() throws Exception {
        // --bios none: the hart starts in the ROM at 0x1000 like QEMU, which jumps to the kernel with
        // a0 = mhartid, a1 = DTB (magic d00dfeed, big-endian), a2 = struct fw_dynamic_info (magic "OSBI").
        RunResult r = runMachineMode("rom", """
                    auipc s0, 0
                    bnez a0, 9f
                    lwu t0, 0(a1)
                    li t1, 0xedfe0dd0
                    bne t0, t1, 9f
                    ld t0, 0(a2)
                    li t1, 0x4942534f
                    bne t0, t1, 9f
                    ld t0, 16(a2)
                    bne t0, s0, 9f
                    li a0, 'R'
                    call putc
                    li t0, 0x100000
                    li t1, 0x5555
                    sw t1, 0(t0)
                9:  li a0, '!'
                    call putc
                """);
        assertEquals("R", r.uartOutput());
        assertEquals(0, r.exitCode());
    }
}
