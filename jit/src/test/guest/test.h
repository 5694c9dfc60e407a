/*
 * test.h: shared macros of the nexus bare-metal RV64 test corpus (riscv-tests style).
 *
 * A test starts in M-mode at 0x80000000 (-bios none, a0 = hartid). TEST_BEGIN(name) installs
 * the common M-mode trap handler, a PMP entry granting S/U access to everything, FS=Initial,
 * prints "<name>: " on the UART (ns16550 at 0x10000000) and falls into the test body.
 *
 * Pass/fail: the SiFive test finisher at 0x100000. 0x5555 = pass; (n << 16) | 0x3333 = fail
 * with code n (QEMU exits with status n). Test case numbers are 1..191.
 *   unexpected exception with cause c -> code 0xC0 | c  (192..207)
 *   unexpected interrupt with cause c -> code 0xE0 | c  (224..239)
 *
 * Register conventions: gp (x3) = current test case number, t2 (x7) = expected value,
 * t5/t6 are clobbered by the trap handlers (don't keep live values there across a trap).
 *
 * Expected traps: EXPECT_TRAP(cause, resume) arms a one-shot expectation. When that trap is
 * taken, the M handler (or S handler if delegated) records mcause/mtval/mepc (or the S ones)
 * in trap_cause/trap_tval/trap_epc, trap_level (3 = M, 1 = S), and resumes at `resume` in
 * M-mode (M handler) or S-mode (S handler). CHECK_TRAP(n, cause, tval) verifies the record.
 */
#ifndef NEXUS_TEST_H
#define NEXUS_TEST_H

#define UART_BASE      0x10000000
#define FINISHER_BASE  0x100000
#define FINISHER_PASS  0x5555
#define FINISHER_FAIL  0x3333
#define CLINT_BASE     0x2000000
#define CLINT_MSIP     (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000)
#define CLINT_MTIME    (CLINT_BASE + 0xbff8)

#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
#define MSTATUS_FS    (3 << 13)
#define MSTATUS_FS_INITIAL (1 << 13)
#define MSTATUS_FS_CLEAN   (2 << 13)
#define MSTATUS_FS_DIRTY   (3 << 13)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MSTATUS_TVM   (1 << 20)
#define MSTATUS_TW    (1 << 21)
#define MSTATUS_TSR   (1 << 22)
#define MSTATUS_SD    (1 << 63)

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15
#define INTR                   (1 << 63)
#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT   9
#define IRQ_M_EXT   11

#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)

#define SATP_SV39 (8 << 60)
#define SATP_SV48 (9 << 60)

#define TESTNUM gp

/* ---------------------------------------------------------------- program frame */

#define TEST_BEGIN(name)                                   \
        .section .text.init;                               \
        .globl _start;                                     \
_start:                                                    \
        la t0, trap_vector;  csrw mtvec, t0;               \
        la sp, stack_top;                                  \
        li t0, -1; csrw pmpaddr0, t0;                      \
        li t0, 0x1f; csrw pmpcfg0, t0;                     \
        csrw medeleg, zero; csrw mideleg, zero;            \
        csrw mie, zero; csrw satp, zero;                   \
        li t0, MSTATUS_FS; csrc mstatus, t0;               \
        li t0, MSTATUS_FS_INITIAL; csrs mstatus, t0;       \
        la t0, strap_vector; csrw stvec, t0;               \
        li TESTNUM, 0;                                     \
        la a0, test_name_str; call uart_puts;              \
        la a0, colon_str; call uart_puts;                  \
        j test_body;                                       \
        .section .data; test_name_str: .asciz name;        \
        .section .text;                                    \
test_body:

/* Ends the body: PASS, then the shared runtime (handlers, UART, data). */
#define TEST_END                                           \
        TEST_PASS;                                         \
        TEST_RUNTIME

#define TEST_PASS   j test_pass
#define TEST_FAIL   j test_fail

/* ---------------------------------------------------------------- checks */

/* Runs `code`, then checks that `reg` == `expected` as test case n. */
#define TEST_CASE(n, reg, expected, code...)               \
test_##n:                                                  \
        li TESTNUM, n;                                     \
        code;                                              \
        li t2, expected;                                   \
        bne reg, t2, test_fail

/* Checks reg == expected as test case n (no code). */
#define CHECK(n, reg, expected)                            \
        li TESTNUM, n;                                     \
        li t2, expected;                                   \
        bne reg, t2, test_fail

/* Checks reg == other register. */
#define CHECK_EQ(n, reg, other)                            \
        li TESTNUM, n;                                     \
        bne reg, other, test_fail

/* Checks a CSR value masked. */
#define CHECK_CSR(n, csr, mask, expected)                  \
        li TESTNUM, n;                                     \
        csrr t0, csr; li t1, mask; and t0, t0, t1;         \
        li t2, expected; bne t0, t2, test_fail

/* ---------------------------------------------------------------- traps */

#define EXPECT_TRAP(cause, resume)                         \
        la t0, resume; la t1, trap_resume; sd t0, 0(t1);   \
        li t0, cause;  la t1, trap_expect; sd t0, 0(t1)

/* Arms a one-shot expectation of any synchronous exception (check the cause afterwards). */
#define EXPECT_ANY_TRAP(resume)                            \
        la t0, resume; la t1, trap_resume; sd t0, 0(t1);   \
        li t0, -3; la t1, trap_expect; sd t0, 0(t1)

/* Checks the recorded trap: cause and tval. */
#define CHECK_TRAP(n, cause, tval)                         \
        li TESTNUM, n;                                     \
        la t1, trap_cause; ld t0, 0(t1);                   \
        li t2, cause; bne t0, t2, test_fail;               \
        ld t0, 8(t1); li t2, tval; bne t0, t2, test_fail

/* Checks the recorded trap's cause, epc (a label) and level (3 = M, 1 = S). */
#define CHECK_TRAP_EPC(n, cause, epc_label, level)         \
        li TESTNUM, n;                                     \
        la t1, trap_cause; ld t0, 0(t1);                   \
        li t2, cause; bne t0, t2, test_fail;               \
        ld t0, 16(t1); la t2, epc_label; bne t0, t2, test_fail; \
        ld t0, 24(t1); li t2, level; bne t0, t2, test_fail

/* Checks that the recorded trap's tval equals a register. */
#define CHECK_TVAL_REG(n, reg)                             \
        li TESTNUM, n;                                     \
        la t1, trap_tval; ld t0, 0(t1); bne t0, reg, test_fail

/* Clears the record (so a later check can't pass on an old trap). */
#define CLEAR_TRAP                                         \
        la t1, trap_cause; li t0, -1; sd t0, 0(t1); sd t0, 8(t1); sd t0, 16(t1); sd t0, 24(t1)

/* ---------------------------------------------------------------- privilege switches */

/* From M-mode: continue at `label` in S-mode (MPRV is cleared by mret, priv 1.12 3.1.6.1). */
#define GOTO_S(label)                                      \
        li t0, MSTATUS_MPP; csrc mstatus, t0;              \
        li t0, MSTATUS_MPP_S; csrs mstatus, t0;            \
        la t0, label; csrw mepc, t0; mret

/* From M-mode: continue at `label` in U-mode. */
#define GOTO_U(label)                                      \
        li t0, MSTATUS_MPP; csrc mstatus, t0;              \
        la t0, label; csrw mepc, t0; mret

/* From S/U-mode (not delegated): ecall back to M-mode at `label`. */
#define ECALL_TO_M(cause, label)                           \
        EXPECT_TRAP(cause, label); ecall

/* ---------------------------------------------------------------- shared runtime */

#define TEST_RUNTIME                                       \
        .section .text;                                    \
        .align 2;                                          \
test_pass:                                                 \
        la a0, pass_str; call uart_puts;                   \
        li t0, FINISHER_PASS; li t1, FINISHER_BASE;        \
        sw t0, 0(t1);                                      \
1:      j 1b;                                              \
test_fail:                                                 \
        mv s0, TESTNUM;                                    \
        la a0, fail_str; call uart_puts;                   \
        mv a0, s0; call uart_putdec;                       \
        la a0, last_str; call uart_puts;                   \
        la s1, trap_cause; ld a0, 0(s1); call uart_puthex; \
        la a0, tval_str; call uart_puts;                   \
        ld a0, 8(s1); call uart_puthex;                    \
        li a0, ')'; call uart_putc;                        \
        li a0, '\n'; call uart_putc;                       \
        slli t0, s0, 16; li t1, FINISHER_FAIL; or t0, t0, t1; \
        li t1, FINISHER_BASE; sw t0, 0(t1);                \
1:      j 1b;                                              \
        /* M-mode trap handler */                          \
        .align 6;                                          \
        .globl trap_vector;                                \
trap_vector:                                               \
        csrr t5, mcause;                                   \
        la t6, trap_expect; ld t6, 0(t6);                  \
        beq t5, t6, 11f;                                   \
        li t5, -3; bne t5, t6, unexpected_trap_m;          \
        csrr t5, mcause; bltz t5, unexpected_trap_m;          \
11:     la t6, trap_cause; sd t5, 0(t6);                   \
        csrr t5, mtval; sd t5, 8(t6);                      \
        csrr t5, mepc;  sd t5, 16(t6);                     \
        li t5, 3; sd t5, 24(t6);                           \
        csrr t5, mstatus; sd t5, 32(t6);                   \
        li t5, -2; la t6, trap_expect; sd t5, 0(t6);       \
        la t6, trap_resume; ld t5, 0(t6); csrw mepc, t5;   \
        li t5, MSTATUS_MPP; csrs mstatus, t5;              \
        mret;                                              \
unexpected_trap_m:                                         \
        la t6, strap_unexpected; ld t6, 0(t6);             \
        bnez t6, unexpected_trap; /* s1..s3 hold the S trap */ \
        csrr s1, mcause; csrr s2, mepc; csrr s3, mtval;    \
        j unexpected_trap;                                 \
        /* S-mode trap handler */                          \
        .align 6;                                          \
        .globl strap_vector;                               \
strap_vector:                                              \
        csrr t5, scause;                                   \
        la t6, trap_expect; ld t6, 0(t6);                  \
        beq t5, t6, 11f;                                   \
        li t5, -3; bne t5, t6, unexpected_trap_s;          \
        csrr t5, scause; bltz t5, unexpected_trap_s;          \
11:     la t6, trap_cause; sd t5, 0(t6);                   \
        csrr t5, stval; sd t5, 8(t6);                      \
        csrr t5, sepc;  sd t5, 16(t6);                     \
        li t5, 1; sd t5, 24(t6);                           \
        csrr t5, sstatus; sd t5, 32(t6);                   \
        li t5, -2; la t6, trap_expect; sd t5, 0(t6);       \
        la t6, trap_resume; ld t5, 0(t6); csrw sepc, t5;   \
        li t5, MSTATUS_SPP; csrs sstatus, t5;              \
        sret;                                              \
unexpected_trap_s:                                         \
        csrr s1, scause; csrr s2, sepc; csrr s3, stval;    \
        la t6, strap_unexpected; li t5, 1; sd t5, 0(t6);   \
        ecall; /* reaches M: reported as unexpected ecall */ \
unexpected_trap:                                           \
        la a0, trap_str; call uart_puts;                   \
        mv a0, s1; call uart_puthex;                       \
        la a0, epc_str; call uart_puts;                    \
        mv a0, s2; call uart_puthex;                       \
        la a0, tval_str; call uart_puts;                   \
        mv a0, s3; call uart_puthex;                       \
        la a0, case_str; call uart_puts;                   \
        mv a0, TESTNUM; call uart_putdec;                  \
        li a0, '\n'; call uart_putc;                       \
        andi t0, s1, 0xf; ori t0, t0, 0xc0;                \
        bgez s1, 2f; ori t0, t0, 0x20;                     \
2:      slli t0, t0, 16; li t1, FINISHER_FAIL; or t0, t0, t1; \
        li t1, FINISHER_BASE; sw t0, 0(t1);                \
1:      j 1b;                                              \
        /* UART helpers (clobber a0, t0, t1, t3, t4) */    \
uart_putc:                                                 \
        li t0, UART_BASE;                                  \
3:      lbu t1, 5(t0); andi t1, t1, 0x20; beqz t1, 3b;     \
        sb a0, 0(t0); ret;                                 \
uart_puts:                                                 \
        mv t3, a0; li t0, UART_BASE;                       \
4:      lbu t4, 0(t3); beqz t4, 5f;                        \
6:      lbu t1, 5(t0); andi t1, t1, 0x20; beqz t1, 6b;     \
        sb t4, 0(t0); addi t3, t3, 1; j 4b;                \
5:      ret;                                               \
uart_puthex:                                               \
        mv t3, a0; li t4, 60; li t0, UART_BASE;            \
7:      srl t1, t3, t4; andi t1, t1, 0xf;                  \
        addi t1, t1, '0'; li a0, '9'+1; blt t1, a0, 8f;    \
        addi t1, t1, 'a'-'0'-10;                           \
8:      lbu a0, 5(t0); andi a0, a0, 0x20; beqz a0, 8b;     \
        sb t1, 0(t0); addi t4, t4, -4; bgez t4, 7b; ret;   \
uart_putdec: /* a0 < 1000 */                               \
        mv t3, a0; li t0, UART_BASE; li t4, 100;           \
9:      divu t1, t3, t4; remu t3, t3, t4; addi t1, t1, '0'; \
10:     lbu a0, 5(t0); andi a0, a0, 0x20; beqz a0, 10b;    \
        sb t1, 0(t0); li a0, 10; divu t4, t4, a0; bnez t4, 9b; ret; \
        .section .data;                                    \
        .align 3;                                          \
        .globl trap_expect, trap_resume, trap_cause, trap_tval, trap_epc; \
trap_expect: .dword -2;                                    \
trap_resume: .dword 0;                                     \
trap_cause:  .dword -1;                                    \
trap_tval:   .dword -1;                                    \
trap_epc:    .dword -1;                                    \
trap_level:  .dword -1;                                    \
trap_status: .dword -1;                                    \
strap_unexpected: .dword 0;                                \
pass_str: .asciz "PASS\n";                                 \
colon_str: .asciz ": ";                                   \
fail_str: .asciz "FAIL ";                                  \
last_str: .asciz " (last trap cause=";                     \
rparen_str: .asciz ")";                                   \
trap_str: .asciz "unexpected trap mcause=";                \
epc_str:  .asciz " epc=";                                  \
tval_str: .asciz " tval=";                                 \
case_str: .asciz " case=";                                 \
        .align 4;                                          \
stack:  .skip 4096;                                        \
stack_top:

#endif
