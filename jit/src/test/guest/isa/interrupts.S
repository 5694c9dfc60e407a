# Interrupts (priv spec 3.1.7, 3.1.9, 3.2.1): vectored mtvec (mode 1), CLINT msip and mtimecmp,
# priority MSI > MTI when both pending, mip reflecting CLINT state, delegated S software interrupt,
# exceptions still go to the vector base, WFI wake-up without a global enable.
#include "test.h"
#define LOG(cause_csr)                                                 \
  la t6, irq_n; ld t5, 0(t6); addi t5, t5, 1; sd t5, 0(t6);            \
  slli t5, t5, 3; add t6, t6, t5; csrr t5, cause_csr; sd t5, 0(t6)
/* Waits (at most 1 s of mtime at 10 MHz) until `count` interrupts were logged. */
#define SPIN_UNTIL_IRQS(n, count)                                      \
  li TESTNUM, n; li t1, CLINT_MTIME; ld s1, 0(t1); li t0, 10000000; add s1, s1, t0; \
9: la t1, irq_n; ld t0, 0(t1); li t2, count; beq t0, t2, 8f;           \
  li t1, CLINT_MTIME; ld t0, 0(t1); bltu t0, s1, 9b; j test_fail; 8:
/* Waits (at most 1 s) until (mip & mask) == mask. */
#define SPIN_UNTIL_MIP(n, mask)                                        \
  li TESTNUM, n; li t1, CLINT_MTIME; ld s1, 0(t1); li t0, 10000000; add s1, s1, t0; \
9: csrr t0, mip; li t2, mask; and t0, t0, t2; beq t0, t2, 8f;          \
  li t1, CLINT_MTIME; ld t0, 0(t1); bltu t0, s1, 9b; j test_fail; 8:
#define CHECK_LOG(n, idx, cause)                                       \
  li TESTNUM, n; la t1, irq_n; ld t0, (8 * idx)(t1); li t2, cause; bne t0, t2, test_fail

TEST_BEGIN("interrupts")
  .option norvc
  li t0, -1; li t1, CLINT_MTIMECMP; sd t0, 0(t1)
  la t0, vec_table; ori t0, t0, 1; csrw mtvec, t0
  TEST_CASE(1, a0, 1, csrr a0, mtvec; andi a0, a0, 3)
  # msip -> machine software interrupt at base + 4*3
  li t0, 1 << IRQ_M_SOFT; csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  li t0, 1; li t1, CLINT_MSIP; sw t0, 0(t1)
  SPIN_UNTIL_IRQS(2, 1)
  CHECK_LOG(3, 1, INTR | IRQ_M_SOFT)
  # mtimecmp -> machine timer interrupt at base + 4*7
  li t0, 1 << IRQ_M_TIMER; csrw mie, t0
  li t1, CLINT_MTIME; ld t0, 0(t1); addi t0, t0, 200; li t1, CLINT_MTIMECMP; sd t0, 0(t1)
  SPIN_UNTIL_IRQS(4, 2)
  CHECK_LOG(5, 2, INTR | IRQ_M_TIMER)
  # both pending with MIE=0: mip shows MSIP and MTIP; on enabling, MSI is taken first
  csrci mstatus, MSTATUS_MIE
  li t0, (1 << IRQ_M_SOFT) | (1 << IRQ_M_TIMER); csrw mie, t0
  li t1, CLINT_MTIMECMP; sd zero, 0(t1)
  li t0, 1; li t1, CLINT_MSIP; sw t0, 0(t1)
  SPIN_UNTIL_MIP(6, 0x88)
  csrsi mstatus, MSTATUS_MIE
  SPIN_UNTIL_IRQS(7, 4)
  CHECK_LOG(8, 3, INTR | IRQ_M_SOFT)
  CHECK_LOG(9, 4, INTR | IRQ_M_TIMER)
  # msip and mtimecmp cleared by the handlers: mip.MSIP/MTIP read 0
  TEST_CASE(10, a0, 0, csrr a0, mip; andi a0, a0, 0x88)
  # an exception in vectored mode goes to the base
  EXPECT_TRAP(CAUSE_ECALL_M, 1f)
2: ecall
  j test_fail
1: CHECK_TRAP_EPC(11, CAUSE_ECALL_M, 2b, 3)
  # interrupts are not taken while MIE=0 in M-mode; WFI wakes up anyway
  csrci mstatus, MSTATUS_MIE
  li t0, 1 << IRQ_M_TIMER; csrw mie, t0
  li t1, CLINT_MTIME; ld t0, 0(t1); addi t0, t0, 500; li t1, CLINT_MTIMECMP; sd t0, 0(t1)
  li TESTNUM, 12; li t1, CLINT_MTIME; ld s1, 0(t1); li t0, 10000000; add s1, s1, t0
1: wfi
  csrr a0, mip; andi a0, a0, 0x80; bnez a0, 2f
  li t1, CLINT_MTIME; ld t0, 0(t1); bltu t0, s1, 1b; j test_fail
2: TEST_CASE(13, a0, 4, la t1, irq_n; ld a0, 0(t1))
  li t0, -1; li t1, CLINT_MTIMECMP; sd t0, 0(t1)
  TEST_CASE(14, a0, 0, csrr a0, mip; andi a0, a0, 0x80)
  # supervisor software interrupt delegated to S: taken in S via stvec
  csrw mie, zero
  la t0, s_irq; csrw stvec, t0
  li t0, 1 << IRQ_S_SOFT; csrw mideleg, t0
  li t0, 1 << IRQ_S_SOFT; csrw mie, t0
  GOTO_S(2f)
2: csrsi sstatus, MSTATUS_SIE
  csrsi sip, 1 << IRQ_S_SOFT
  SPIN_UNTIL_IRQS(15, 5)
  CHECK_LOG(16, 5, INTR | IRQ_S_SOFT)
  # the interrupted mode was S (SPP=1), and SIE was stacked into SPIE
  la t1, s_status; ld a0, 0(t1); andi a0, a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
  CHECK(17, a0, MSTATUS_SPP | MSTATUS_SPIE)
  # an M-level interrupt preempts S-mode even with MIE=0 (priv 3.1.6.1)
  csrci sstatus, MSTATUS_SIE
  ECALL_TO_M(CAUSE_ECALL_S, 1f)
1: li t0, 1 << IRQ_M_SOFT; csrw mie, t0
  csrci mstatus, MSTATUS_MIE
  GOTO_S(2f)
2: li t0, 1; li t1, CLINT_MSIP; sw t0, 0(t1)
  SPIN_UNTIL_IRQS(18, 6)
  CHECK_LOG(19, 6, INTR | IRQ_M_SOFT)
TEST_END

  .section .text
  .option norvc
  .align 8
vec_table:
  j trap_vector     # 0: exceptions
  j vec_bad         # 1
  j vec_bad         # 2
  j vec_msi         # 3
  j vec_bad         # 4
  j vec_bad         # 5
  j vec_bad         # 6
  j vec_mti         # 7
  j vec_bad         # 8
  j vec_bad         # 9
  j vec_bad         # 10
  j vec_bad         # 11
vec_bad:
  j trap_vector     # reported as unexpected
vec_msi:
  LOG(mcause)
  li t6, CLINT_MSIP; sw zero, 0(t6)
  mret
vec_mti:
  LOG(mcause)
  li t5, -1; li t6, CLINT_MTIMECMP; sd t5, 0(t6)
  mret
  .align 2
s_irq:
  LOG(scause)
  csrr t5, scause; bgez t5, strap_vector
  csrr t5, sstatus; la t6, s_status; sd t5, 0(t6)
  csrci sip, 1 << IRQ_S_SOFT
  sret
  .data
  .align 3
s_status: .dword 0
irq_n: .dword 0
irq_log: .skip 8 * 16
