package org.opennexus.machine.diff;

import java.util.SplittableRandom;

/**
 * The assembly text of one differential program: {@code count} sequences of a group, starting at
 * global sequence index {@code first}. Each sequence is reproducible on its own from
 * (seed, group, index):
 * <pre>
 *   seq_N:      li a0, STATE_SEED; call diff_init   -- x1..x31, f0..f31, fcsr, scratch from the pools
 *   seq_N_body: ~20-40 random instructions of the group
 *   seq_N_end:  csrw mscratch, ra; call diff_save   -- signature, 64-bit hash, printed as hex
 * </pre>
 * After the last sequence the program prints {@value #END_MARKER} and writes PASS to the SiFive test
 * finisher. Any trap prints "TRAP mcause mepc mtval" and fails with code {@value #TRAP_EXIT}.
 * In dump mode the initial x1..x31, f0..f31 and fcsr are printed first, then every signature word
 * before the hash (x1..x31, f0..f31, fcsr, then the 64 scratch dwords), one hex word per line.
 */
final class DiffProgram {
    static final String END_MARKER = "DIFF-END";
    static final int TRAP_EXIT = 0x77;
    /** Signature words: x1..x31, f0..f31, fcsr. Then {@link #SCRATCH_WORDS} scratch dwords. */
    static final int SIG_WORDS = 31 + 32 + 1;
    static final int SCRATCH_WORDS = SequenceWriter.SCRATCH_BYTES / 8;

    private DiffProgram() { }

    /** A sequence's private random stream: independent of how sequences are batched. */
    static SplittableRandom sequenceRandom(long seed, Group group, long index) {
        return new SplittableRandom(seed * 0x9e37_79b9_7f4a_7c15L + group.ordinal() * 0x1_0000_0001L + index);
    }

    static String build(Group group, Privilege priv, long seed, long first, int count, boolean dump) {
        StringBuilder sb = new StringBuilder(count * 1200 + 20_000);
        SplittableRandom poolRnd = new SplittableRandom(seed ^ (0x5bd1_e995L * (group.ordinal() + 1)));
        long[] ints = ValuePools.integers(poolRnd);
        long[] fps = group == Group.F ? ValuePools.singles(poolRnd) : ValuePools.doubles(poolRnd);
        sb.append(prologue(priv));
        BodyGenerator gen = group.generator();
        for (long i = first; i < first + count; i++) {
            SplittableRandom rnd = sequenceRandom(seed, group, i);
            long stateSeed = 1 + rnd.nextLong(0x7fff_fffeL);
            String name = "seq_" + i;
            sb.append(name).append(":\n");
            sb.append("  li a0, ").append(stateSeed).append('\n');
            sb.append("  call diff_init\n");
            sb.append(name).append("_body:\n");
            gen.emit(new SequenceWriter(rnd, ".L" + name, sb));
            sb.append(name).append("_end:\n");
            sb.append("  csrw ").append(priv.x1Csr).append(", ra\n");
            sb.append("  call diff_save\n");
        }
        sb.append(epilogue(group, priv, dump, ints, fps));
        return sb.toString();
    }

    private static String prologue(Privilege priv) {
        return """
                  .option norvc
                  .section .text.init
                  .globl _start
                _start:
                  la sp, diff_stack_top
                  la t0, diff_trap
                  csrw mtvec, t0
                  li t0, 0x2000          # mstatus.FS = Initial
                  csrs mstatus, t0
                  csrw mie, zero
                """ + priv.enter() + """
                  .section .text
                  .align 2
                seq_start:
                """;
    }

    private static String epilogue(Group group, Privilege priv, boolean dump, long[] ints, long[] fps) {
        String text = epilogueText(group, priv, dump, ints, fps);
        return text.replace("{EPC}", priv.epcCsr).replace("{PREP}", priv.prepareReturn)
                .replace("{X1}", priv.x1Csr).replace("{X31}", priv.x31Csr);
    }

    private static String epilogueText(Group group, Privilege priv, boolean dump, long[] ints, long[] fps) {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                  la sp, diff_stack_top
                  la a0, diff_end_str
                  call diff_puts
                  li t0, 0x5555
                  li t1, 0x100000
                  sw t0, 0(t1)
                1: j 1b

                # xorshift64 step on t0 (clobbers t5)
                .macro XS
                  slli t5, t0, 13; xor t0, t0, t5
                  srli t5, t0, 7;  xor t0, t0, t5
                  slli t5, t0, 17; xor t0, t0, t5
                .endm
                # t4 <- pool[(t0 >> 32) & 0xff] for pool address in \\pool
                .macro PICK pool
                  srli t4, t0, 32; andi t4, t4, 0xff; slli t4, t4, 3; add t4, \\pool, t4; ld t4, 0(t4)
                .endm

                # a0 = state seed, ra = where the sequence body starts. Sets x1..x31, f0..f31,
                # fcsr and the scratch area, then returns with mret/sret (no register needed).
                diff_init:
                  csrw {EPC}, ra
                  {PREP}
                  mv t0, a0
                  la t1, diff_stage
                  la t2, diff_ipool
                  la t3, diff_fpool
                  li t6, 31
                2: XS; PICK t2; sd t4, 0(t1); addi t1, t1, 8; addi t6, t6, -1; bnez t6, 2b
                  li t6, 32
                3: XS; PICK t3; sd t4, 0(t1); addi t1, t1, 8; addi t6, t6, -1; bnez t6, 3b
                  la t1, diff_scratch
                  li t6, 64
                4: XS; andi a1, t6, 1; beqz a1, 5f; PICK t2; j 6f
                5: PICK t3
                6: sd t4, 0(t1); addi t1, t1, 8; addi t6, t6, -1; bnez t6, 4b
                """);
        if (group.usesFrm()) {
            sb.append("""
                      XS; srli t4, t0, 40; li a1, 5; remu t4, t4, a1; slli t4, t4, 5
                      csrw fcsr, t4
                    """);
        } else {
            sb.append("  csrw fcsr, zero\n");
        }
        if (dump) {
            // the initial state: x1..x31, f0..f31 (the stage area) and fcsr
            sb.append("""
                      la s2, diff_stage
                      li s3, 63
                    20: ld a0, 0(s2); call diff_puthex; li a0, 10; call diff_putc
                      addi s2, s2, 8; addi s3, s3, -1; bnez s3, 20b
                      csrr a0, fcsr; call diff_puthex; li a0, 10; call diff_putc
                    """);
        }
        sb.append("  la x31, diff_stage + 248\n");
        for (int i = 0; i < 32; i++) {
            sb.append("  fld f").append(i).append(", ").append(8 * i).append("(x31)\n");
        }
        sb.append("  la x31, diff_stage\n");
        for (int i = 1; i <= 31; i++) {
            sb.append("  ld x").append(i).append(", ").append(8 * (i - 1)).append("(x31)\n");
        }
        sb.append("  ").append(priv.ret).append("\n\n");
        sb.append("""
                # ra = return address, {X1} = the sequence's x1. Stores the signature, folds it
                # and the scratch area into a 64-bit FNV-style hash and prints it (and, in dump
                # mode, every word first).
                diff_save:
                  csrw {X31}, x31
                  la x31, diff_sig
                """);
        for (int i = 2; i <= 30; i++) {
            sb.append("  sd x").append(i).append(", ").append(8 * (i - 1)).append("(x31)\n");
        }
        sb.append("  csrr t0, ").append(priv.x31Csr).append("\n  sd t0, 240(x31)\n  csrr t0, ").append(priv.x1Csr).append("\n  sd t0, 0(x31)\n");
        for (int i = 0; i < 32; i++) {
            sb.append("  fsd f").append(i).append(", ").append(248 + 8 * i).append("(x31)\n");
        }
        sb.append("  csrr t0, fcsr\n  sd t0, 504(x31)\n");
        sb.append("""
                  mv s11, ra
                  la sp, diff_stack_top
                  li s0, 0xcbf29ce484222325     # FNV offset basis
                  li s1, 0x100000001b3          # FNV prime
                  la s2, diff_sig
                  li s3, %d
                7: ld a0, 0(s2)
                """.formatted(SIG_WORDS + SCRATCH_WORDS));
        if (dump) {
            sb.append("  call diff_puthex\n  li a0, 10\n  call diff_putc\n  ld a0, 0(s2)\n");
        }
        sb.append("""
                  xor s0, s0, a0
                  mul s0, s0, s1
                  addi s2, s2, 8
                  addi s3, s3, -1
                  bnez s3, 7b
                  srli t0, s0, 29
                  xor a0, s0, t0
                  call diff_puthex
                  li a0, 10
                  call diff_putc
                  mv ra, s11
                  ret

                diff_putc:                        # a0 = byte (clobbers t0, t1)
                  li t0, 0x10000000
                8: lbu t1, 5(t0); andi t1, t1, 0x20; beqz t1, 8b
                  sb a0, 0(t0)
                  ret
                diff_puts:                        # a0 = string (clobbers a0, t0..t3)
                  mv t2, a0
                9: lbu a0, 0(t2); beqz a0, 10f
                  mv t3, ra; call diff_putc; mv ra, t3
                  addi t2, t2, 1; j 9b
                10: ret
                diff_puthex:                      # a0 = value (clobbers a0, t0..t4)
                  mv t2, a0; li t3, 60; mv t4, ra
                11: srl a0, t2, t3; andi a0, a0, 15; addi a0, a0, 48
                  li t0, 58; blt a0, t0, 12f; addi a0, a0, 39
                12: call diff_putc
                  addi t3, t3, -4; bgez t3, 11b
                  mv ra, t4
                  ret

                  .align 2
                diff_trap:
                  la sp, diff_stack_top
                  la a0, diff_trap_str; call diff_puts
                  csrr a0, mcause; call diff_puthex
                  li a0, 32; call diff_putc
                  csrr a0, mepc; call diff_puthex
                  li a0, 32; call diff_putc
                  csrr a0, mtval; call diff_puthex
                  li a0, 10; call diff_putc
                  li t0, (%d << 16) | 0x3333
                  li t1, 0x100000
                  sw t0, 0(t1)
                13: j 13b

                  .data
                diff_end_str: .asciz "%s\\n"
                diff_trap_str: .asciz "TRAP "
                  .align 12
                  .skip 4096 - %d
                diff_sig: .skip %d                # ends on a page boundary: the hash walks on into scratch
                diff_scratch: .skip %d             # page aligned, so misaligned accesses never cross a page
                  .align 3
                diff_stage: .skip 512
                  .align 12
                diff_pt: .skip 4096
                  .align 4
                diff_stack: .skip 1024
                diff_stack_top:
                  .align 3
                """.formatted(TRAP_EXIT, END_MARKER, 8 * SIG_WORDS, 8 * SIG_WORDS, SequenceWriter.SCRATCH_BYTES));
        sb.append("diff_ipool:\n");
        for (long v : ints) {
            sb.append("  .dword 0x").append(Long.toHexString(v)).append('\n');
        }
        sb.append("diff_fpool:\n");
        for (long v : fps) {
            sb.append("  .dword 0x").append(Long.toHexString(v)).append('\n');
        }
        return sb.toString();
    }
}
