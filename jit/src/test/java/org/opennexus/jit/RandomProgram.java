package org.opennexus.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random guest programs for the lockstep tests: S-mode code under Sv39 (identity gigapage
 * for RAM, nothing else mapped) with nested loops, calls and returns, indirect jumps through a
 * table, loads and stores (aligned, misaligned and page-crossing), page faults on an unmapped
 * gigapage, self-modifying code followed by FENCE.I, and timer interrupts (Sstc stimecmp) that
 * arrive in the middle of loops. An M-mode handler skips faulting instructions and re-arms the
 * timer, so every program runs to its final EBREAK.
 */
final class RandomProgram {
    /** Registers the generator may clobber freely (not sp, gp, tp, s0, s1, ra, t6, a7). */
    private static final String[] FREE = {
        "t0", "t1", "t2", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "s2", "s3", "s4", "s5", "s6", "s7",
        "s8", "s9", "s10", "s11", "t3", "t4", "t5"
    };
    private static final String[] RR = {
        "add", "sub", "and", "or", "xor", "sll", "srl", "sra", "slt", "sltu", "addw", "subw", "sllw", "srlw",
        "sraw", "mul", "mulh", "mulhu", "mulhsu", "mulw", "div", "divu", "rem", "remu", "divw", "divuw", "remw",
        "remuw", "sh1add", "sh2add", "sh3add", "add.uw", "sh1add.uw", "andn", "orn", "xnor", "min", "max",
        "minu", "maxu", "rol", "ror", "rolw", "rorw", "bset", "bclr", "binv", "bext"
    };
    private static final String[] RI = {"addi", "andi", "ori", "xori", "slti", "sltiu", "addiw"};
    private static final String[] SHIFT_I = {"slli", "srli", "srai", "rori", "bseti", "bclri", "binvi", "bexti"};
    private static final String[] SHIFT_IW = {"slliw", "srliw", "sraiw", "roriw"};
    private static final String[] UNARY = {"clz", "ctz", "cpop", "clzw", "ctzw", "cpopw", "sext.b", "sext.h", "zext.h", "rev8", "orc.b"};
    private static final String[] LOADS = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
    private static final String[] STORES = {"sb", "sh", "sw", "sd"};
    /** s1 points into the middle of the first data page, so 12-bit offsets reach both of its ends. */
    static final long DATA = TestHart.RAM_BASE + 0x80800;
    static final long ROOT_TABLE = TestHart.RAM_BASE + 0x90000;

    private final SplittableRandom rnd;
    private final StringBuilder out = new StringBuilder();
    private final List<String> functions = new ArrayList<>();
    private int labels;

    private RandomProgram(long seed) {
        rnd = new SplittableRandom(seed);
    }

    static String generate(long seed) {
        return new RandomProgram(seed).build();
    }

    private String r() { return FREE[rnd.nextInt(FREE.length)]; }

    private String label() { return "L" + (labels++); }

    private void line(String s) { out.append("    ").append(s).append('\n'); }

    private String build() {
        // ---- M-mode set-up: trap handler, PMP, Sv39 identity gigapage for RAM, Sstc timer, drop to S
        out.append("""
                    la t0, mhandler
                    csrw mtvec, t0
                    li t0, -1
                    csrw pmpaddr0, t0
                    li t0, 0x1f
                    csrw pmpcfg0, t0
                    li t0, %d
                    li t1, 0x200000cf        # PTE: PPN 0x80000, D A X W R V (gigapage)
                    sd t1, 16(t0)
                    srli t0, t0, 12
                    li t1, 8
                    slli t1, t1, 60
                    or t0, t0, t1
                    csrw satp, t0
                    li t0, 1
                    slli t0, t0, 63
                    csrs menvcfg, t0          # STCE: Sstc
                    li t0, 2
                    csrs mcounteren, t0       # TM
                    li t0, %d
                    csrw stimecmp, t0
                    li t0, 0x20               # STIE
                    csrs mie, t0
                    li t0, 0x1800
                    csrc mstatus, t0
                    li t0, 0x0800             # MPP = S
                    csrs mstatus, t0
                    la t0, smain
                    csrw mepc, t0
                    mret
                mhandler:                     # faults: skip the instruction; timer: re-arm; EBREAK: stop
                    csrr tp, mcause
                    bltz tp, 1f
                    li gp, 3
                3:  beq tp, gp, 3b
                    csrr tp, mepc
                    lhu gp, 0(tp)
                    andi gp, gp, 3
                    addi tp, tp, 2
                    li a7, 3
                    bne gp, a7, 2f
                    addi tp, tp, 2
                2:  csrw mepc, tp
                    mret
                1:  csrr tp, time
                    addi tp, tp, %d
                    csrw stimecmp, tp
                    addi sp, sp, 1           # count interrupts
                    mret
                smain:
                    li sp, 0
                    li s1, %d
                """.formatted(ROOT_TABLE, 40 + rnd.nextInt(200), 30 + rnd.nextInt(300), DATA));
        for (String reg : FREE) line("li " + reg + ", " + interesting());
        int loops = 3 + rnd.nextInt(5);
        for (int l = 0; l < loops; l++) loop(0);
        line("csrwi sstatus, 0");
        line("ebreak");
        for (String f : functions) out.append(f);
        out.append("    .balign 8\njumptable:\n");
        return out.toString();
    }

    private long interesting() {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Long.MIN_VALUE;
            case 3 -> Long.MAX_VALUE;
            case 4 -> rnd.nextInt(64);
            case 5 -> Integer.MIN_VALUE;
            default -> rnd.nextLong();
        };
    }

    private void loop(int depth) {
        String head = label(), exit = label();
        String counter = depth == 0 ? "s0" : "ra";
        line("li " + counter + ", " + (3 + rnd.nextInt(depth == 0 ? 40 : 6)));
        out.append(head).append(":\n");
        int n = 5 + rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            if (depth == 0 && rnd.nextInt(12) == 0) loop(1);   // an inner loop counted in ra
            else statement();
        }
        line("addi " + counter + ", " + counter + ", -1");
        line("bnez " + counter + ", " + head);
        out.append(exit).append(":\n");
    }

    private void statement() {
        int k = rnd.nextInt(100);
        if (k < 40) alu();
        else if (k < 60) memory();
        else if (k < 68) forwardBranch();
        else if (k < 74) call();
        else if (k < 78) indirectJump();
        else if (k < 82) pageFault();
        else if (k < 85) selfModify();
        else if (k < 87) csrRead();
        else if (k < 90) line("lui " + r() + ", " + rnd.nextInt(1 << 20));
        else line("auipc " + r() + ", " + rnd.nextInt(1 << 20));
    }

    private void alu() {
        switch (rnd.nextInt(5)) {
            case 0, 1 -> line(RR[rnd.nextInt(RR.length)] + " " + r() + ", " + r() + ", " + r());
            case 2 -> line(RI[rnd.nextInt(RI.length)] + " " + r() + ", " + r() + ", " + (rnd.nextInt(4096) - 2048));
            case 3 -> {
                if (rnd.nextBoolean()) line(SHIFT_I[rnd.nextInt(SHIFT_I.length)] + " " + r() + ", " + r() + ", " + rnd.nextInt(64));
                else line(SHIFT_IW[rnd.nextInt(SHIFT_IW.length)] + " " + r() + ", " + r() + ", " + rnd.nextInt(32));
            }
            default -> line(UNARY[rnd.nextInt(UNARY.length)] + " " + r() + ", " + r());
        }
    }

    /** CSR reads: time is enabled for S (mcounteren.TM); cycle and instret are not, so they trap. */
    private void csrRead() {
        String[] reads = {"rdtime", "rdcycle", "rdinstret", "csrr %s, sscratch", "csrr %s, sstatus"};
        String f = reads[rnd.nextInt(reads.length)];
        line(f.contains("%s") ? f.formatted(r()) : f + " " + r());
    }

    private void memory() {
        int off = rnd.nextInt(4096) - 2048;   // misaligned offsets included
        if (rnd.nextInt(4) == 0) off = 2047 - rnd.nextInt(7);   // an 8-byte access here crosses into the next page
        if (rnd.nextBoolean()) line(LOADS[rnd.nextInt(LOADS.length)] + " " + r() + ", " + off + "(s1)");
        else line(STORES[rnd.nextInt(STORES.length)] + " " + r() + ", " + off + "(s1)");
    }

    private void forwardBranch() {
        String[] ops = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
        String skip = label();
        line(ops[rnd.nextInt(ops.length)] + " " + r() + ", " + r() + ", " + skip);
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) alu();
        out.append(skip).append(":\n");
    }

    private void call() {
        String f = "f" + functions.size();
        line("jal t6, " + f);
        StringBuilder body = new StringBuilder(f + ":\n");
        int n = 2 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int before = out.length();
            alu();
            body.append(out.substring(before));
            out.setLength(before);
        }
        body.append("    jr t6\n");
        functions.add(body.toString());
    }

    private void indirectJump() {
        String target = label();
        line("la t6, " + target);
        line("jr t6");
        alu();   // skipped
        out.append(target).append(":\n");
    }

    private void pageFault() {
        // 0x4000_0000 lies in an unmapped gigapage: the access page-faults; the handler skips it
        line("li t6, 0x40000000");
        line((rnd.nextBoolean() ? "ld " : "sd ") + r() + ", " + (rnd.nextInt(64) * 8) + "(t6)");
    }

    private void selfModify() {
        // rewrite the immediate of the next 'addi a6, a6, imm' and execute it after FENCE.I
        String slot = label();
        int imm = rnd.nextInt(2048);
        int word = (imm << 20) | (16 << 15) | (16 << 7) | 0x13;   // addi a6, a6, imm
        line("la t6, " + slot);
        line("li a7, " + word);
        line("sw a7, 0(t6)");
        line("fence.i");
        line(".option push");
        line(".option norvc");
        out.append(slot).append(":\n");
        line("addi a6, a6, 1");
        line(".option pop");
    }
}
