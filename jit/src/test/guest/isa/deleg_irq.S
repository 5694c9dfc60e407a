# Interrupt enables by privilege (priv spec 3.1.6.1, 3.1.9): an interrupt delegated to S is never
# taken in M; taken in U whatever sstatus.SIE says; taken in S only with SIE=1.
#include "test.h"
#define STIMECMP 0x14d
#define MENVCFG  0x30a
TEST_BEGIN("deleg_irq")
  .option norvc
  li t0, 1 << 63; csrs MENVCFG, t0
  li t0, 2; csrw mcounteren, t0
  la t0, s_irq; csrw stvec, t0
  li t0, 1 << IRQ_S_TIMER; csrw mideleg, t0; csrw mie, t0
  csrw STIMECMP, zero                       # STIP pending from now on
  # M-mode with MIE=1: a delegated interrupt is not taken
  csrsi mstatus, MSTATUS_MIE
  nop; nop; nop
  csrci mstatus, MSTATUS_MIE
  TEST_CASE(1, a0, 0, la t1, irq_seen; ld a0, 0(t1))
  # S-mode with SIE=0: not taken
  GOTO_S(2f)
2: csrci sstatus, MSTATUS_SIE
  nop; nop; nop
  TEST_CASE(2, a0, 0, la t1, irq_seen; ld a0, 0(t1))
  ECALL_TO_M(CAUSE_ECALL_S, 3f)
  # U-mode: taken although SIE=0
3: li t0, MSTATUS_SIE; csrc mstatus, t0
  GOTO_U(2f)
2: nop
  nop
  ECALL_TO_M(CAUSE_ECALL_U, 3f)
3: TEST_CASE(3, a0, INTR | IRQ_S_TIMER, la t1, irq_seen; ld a0, 0(t1))
  TEST_CASE(4, a0, 0, la t1, irq_spp; ld a0, 0(t1))    # interrupted mode was U
  # S-mode with SIE=1: taken
  la t1, irq_seen; sd zero, 0(t1)
  csrw STIMECMP, zero
  GOTO_S(2f)
2: csrsi sstatus, MSTATUS_SIE
  nop; nop
  csrci sstatus, MSTATUS_SIE
  TEST_CASE(5, a0, INTR | IRQ_S_TIMER, la t1, irq_seen; ld a0, 0(t1))
  TEST_CASE(6, a0, MSTATUS_SPP, la t1, irq_spp; ld a0, 0(t1))
  # vectored stvec: the S timer interrupt enters at base + 4 * 5; exceptions still at base
  ECALL_TO_M(CAUSE_ECALL_S, 3f)
3: la t0, s_vec; ori t0, t0, 1; csrw stvec, t0
  li t0, 1 << CAUSE_ECALL_U; csrw medeleg, t0
  la t1, irq_seen; sd zero, 0(t1)
  csrw STIMECMP, zero
  GOTO_S(2f)
2: csrsi sstatus, MSTATUS_SIE
  nop; nop
  csrci sstatus, MSTATUS_SIE
  TEST_CASE(7, a0, INTR | IRQ_S_TIMER, la t1, irq_seen; ld a0, 0(t1))
  TEST_CASE(8, a0, 5, la t1, vec_slot; ld a0, 0(t1))
  # a delegated U ecall goes to the vector base (the common S handler) and resumes in S
  ECALL_TO_M(CAUSE_ECALL_S, 3f)
3: GOTO_U(2f)
2: EXPECT_TRAP(CAUSE_ECALL_U, 1f)
4: ecall
  j test_fail
1: CHECK_TRAP_EPC(9, CAUSE_ECALL_U, 4b, 1)
  ECALL_TO_M(CAUSE_ECALL_S, 3f)
3:
TEST_END
  .section .text
  .align 8
s_vec:
  j strap_vector     # 0: exceptions
  j s_bad            # 1
  j s_bad            # 2
  j s_bad            # 3
  j s_bad            # 4
  li t6, 5                  # 5: S timer (slot 6 holds the jump)
  j s_vec_timer
s_bad:
  j strap_vector
s_vec_timer:
  la t5, vec_slot; sd t6, 0(t5)
  j s_irq
  .align 2
s_irq:
  csrr t5, scause; bgez t5, strap_vector
  la t6, irq_seen; sd t5, 0(t6)
  csrr t5, sstatus; andi t5, t5, MSTATUS_SPP; la t6, irq_spp; sd t5, 0(t6)
  li t5, -1; csrw STIMECMP, t5
  sret
  .data
  .align 3
irq_seen: .dword 0
irq_spp: .dword -1
vec_slot: .dword -1
