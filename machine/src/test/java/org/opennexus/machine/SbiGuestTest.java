package org.opennexus.machine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opennexus.machine.testutil.Guest;

/** The built-in SBI driven by a real S-mode program, checked against the SBI v2.0 specification. */
class SbiGuestTest {
    @TempDir
    Path tmp;

    static final String SBI = """
            .equ EXT_BASE, 0x10
            .equ EXT_TIME, 0x54494D45
            .equ EXT_IPI, 0x735049
            .equ EXT_HSM, 0x48534D
            .equ EXT_SRST, 0x53525354
            .equ EXT_DBCN, 0x4442434E
            .macro SBI eid, fid
                li a7, \\eid
                li a6, \\fid
                ecall
            .endm
            .macro PUTCHAR c
                li a0, \\c
                li a7, 1
                ecall
            .endm
            """;

    static final String PROGRAM = SBI + """
            .globl _start
            _start:
                bnez a0, secondary
                mv s0, a0
                mv s1, a1
                PUTCHAR 'L'
                li a0, 5
                la a1, msg
                li a2, 0
                SBI EXT_DBCN, 0
                bnez a0, fail
                li t0, 5
                bne a1, t0, fail
                SBI EXT_BASE, 0
                li t0, 0x2000000
                bne a1, t0, fail
                # a1 at entry: the DTB, big-endian magic d00dfeed
                lwu t0, 0(s1)
                li t1, 0xedfe0dd0
                bne t0, t1, fail
                # HSM: hart 1 is stopped, start it with opaque 0x1234 and wait until it has stopped again
                li a0, 1
                SBI EXT_HSM, 2
                li t0, 1
                bne a1, t0, fail
                li a0, 1
                la a1, secondary
                li a2, 0x1234
                SBI EXT_HSM, 0
                bnez a0, fail
            1:  la t0, flag
                ld t1, 0(t0)
                li t2, 0x1234
                bne t1, t2, 1b
            2:  li a0, 1
                SBI EXT_HSM, 2
                li t0, 1
                bne a1, t0, 2b
                PUTCHAR 'H'
                # TIME + Sstc: arm the timer 1000 ticks ahead and wait for the S timer interrupt
                la t0, trap
                csrw stvec, t0
                li t0, 0x20
                csrs sie, t0
                csrr t0, time
                addi a0, t0, 1000
                SBI EXT_TIME, 0
                csrsi sstatus, 2
            3:  wfi
                beqz s2, 3b
                PUTCHAR 'T'
                PUTCHAR '\\n'
                li a0, 0
                li a1, 0
                SBI EXT_SRST, 0
            fail:
                PUTCHAR '!'
                li a0, 0
                li a1, 1
                SBI EXT_SRST, 0
            secondary:
                la t0, flag
                sd a1, 0(t0)
                SBI EXT_HSM, 1
                j fail
            .align 2
            trap:
                csrr t0, scause
                li t1, 0x8000000000000005
                bne t0, t1, fail
                li a0, -1
                SBI EXT_TIME, 0
                li s2, 1
                sret
            .data
            msg: .ascii "dbcn\\n"
            .align 3
            flag: .dword 0
            """;

    @Test
    void sbiCallsFromSupervisorMode() throws Exception {
        Path elf = Guest.assemble(tmp, "sbi", PROGRAM, 0x8020_0000L);
        MachineConfig c = MachineConfig.builder().kernel(elf).harts(2).timeout(Duration.ofSeconds(20)).build();
        try (VirtMachine m = new VirtMachine(c)) {
            RunResult r = m.run();
            assertEquals("Ldbcn\nHT\n", r.uartOutput());
            assertEquals(ExitReason.POWER_OFF, r.reason(), r.detail());
            assertEquals(0, r.exitCode());
        }
    }

    @Test
    void ipiWakesASuspendedHartAndRemoteFencesSucceed() throws Exception {
        Path elf = Guest.assemble(tmp, "ipi", SBI + """
                .equ EXT_RFENCE, 0x52464E43
                .globl _start
                _start:
                    bnez a0, secondary
                    li a0, 1
                    la a1, secondary
                    li a2, 0
                    SBI EXT_HSM, 0
                    bnez a0, fail
                    # wait until hart 1 reports SUSPENDED (4)
                1:  li a0, 1
                    SBI EXT_HSM, 2
                    li t0, 4
                    bne a1, t0, 1b
                    li a0, 0b10
                    li a1, 0
                    SBI EXT_IPI, 0
                    bnez a0, fail
                2:  la t0, flag
                    ld t1, 0(t0)
                    beqz t1, 2b
                    # remote sfence.vma on both harts, remote fence.i on all (base -1)
                    li a0, 0b11
                    li a1, 0
                    li a2, 0
                    li a3, -1
                    SBI EXT_RFENCE, 1
                    bnez a0, fail
                    li a0, 0
                    li a1, -1
                    SBI EXT_RFENCE, 0
                    bnez a0, fail
                    PUTCHAR 'I'
                    li a0, 0
                    li a1, 0
                    SBI EXT_SRST, 0
                fail:
                    PUTCHAR '!'
                    li a0, 0
                    li a1, 1
                    SBI EXT_SRST, 0
                secondary:
                    li t0, 2
                    csrs sie, t0          # SSIE, with sstatus.SIE = 0: wakes the suspend, no trap taken
                    li a0, 0              # default retentive suspend
                    SBI EXT_HSM, 3
                    bnez a0, fail
                    csrr t0, sip
                    andi t0, t0, 2
                    beqz t0, fail
                    csrc sip, t0
                    la t0, flag
                    li t1, 1
                    sd t1, 0(t0)
                3:  wfi
                    j 3b
                .data
                .align 3
                flag: .dword 0
                """, 0x8020_0000L);
        try (VirtMachine m = new VirtMachine(MachineConfig.builder().kernel(elf).harts(2).timeout(Duration.ofSeconds(20)).build())) {
            RunResult r = m.run();
            assertEquals("I", r.uartOutput(), r.detail());
            assertEquals(ExitReason.POWER_OFF, r.reason());
        }
    }

    @Test
    void srstWithSystemFailureReasonFails() throws Exception {
        Path elf = Guest.assemble(tmp, "srst", SBI + """
                .globl _start
                _start:
                    li a0, 0
                    li a1, 1
                    SBI EXT_SRST, 0
                    j _start
                """, 0x8020_0000L);
        try (VirtMachine m = new VirtMachine(MachineConfig.builder().kernel(elf).timeout(Duration.ofSeconds(20)).build())) {
            RunResult r = m.run();
            assertEquals(ExitReason.FAIL, r.reason());
            assertEquals(1, r.exitCode());
        }
    }

    @Test
    void rawKernelIsLoadedAt0x80200000InSupervisorMode() throws Exception {
        // sstatus is readable in S-mode; mstatus would trap (illegal instruction, delegated -> loops to fail).
        Path elf = Guest.assemble(tmp, "raw", SBI + """
                .globl _start
                _start:
                    auipc t0, 0
                    li t1, 0x80200000
                    bne t0, t1, bad
                    csrr t0, sstatus
                    PUTCHAR 'S'
                    li a0, 0
                    li a1, 0
                    SBI EXT_SRST, 0
                bad:
                    PUTCHAR '?'
                    j bad
                """, 0x8020_0000L);
        Path bin = Guest.toRaw(elf);
        try (VirtMachine m = new VirtMachine(MachineConfig.builder().kernel(bin).timeout(Duration.ofSeconds(20)).build())) {
            RunResult r = m.run();
            assertEquals("S", r.uartOutput());
            assertEquals(0, r.exitCode());
        }
    }
}
