# Sstc (stimecmp, 0x14D): menvcfg.STCE (bit 63) enables it; mip.STIP = (time >= stimecmp);
# S-mode access needs STCE=1 and mcounteren.TM=1; a delegated S timer interrupt reaches stvec.
#include "test.h"
#define STIMECMP 0x14d
#define MENVCFG  0x30a
TEST_BEGIN("sstc")
  .option norvc
  li t0, 1 << 63; csrs MENVCFG, t0
  TEST_CASE(1, a0, 1, csrr a0, MENVCFG; srli a0, a0, 63)
  li t0, -1; csrw STIMECMP, t0
  TEST_CASE(2, a0, 0, csrr a0, mip; andi a0, a0, 1 << IRQ_S_TIMER)
  csrw STIMECMP, zero
  TEST_CASE(3, a0, 1 << IRQ_S_TIMER, csrr a0, mip; andi a0, a0, 1 << IRQ_S_TIMER)
  li t0, -1; csrw STIMECMP, t0
  TEST_CASE(4, a0, 0, csrr a0, mip; andi a0, a0, 1 << IRQ_S_TIMER)
  # S access: illegal while mcounteren.TM=0
  csrw mcounteren, zero
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, STIMECMP                 # 0x14d02573
  j test_fail
1: CHECK_TRAP(5, CAUSE_ILLEGAL, 0x14d02573)
  # S access: illegal while STCE=0 (even with TM=1)
  li t0, 2; csrw mcounteren, t0
  li t0, 1 << 63; csrc MENVCFG, t0
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, STIMECMP
  j test_fail
1: CHECK_TRAP(6, CAUSE_ILLEGAL, 0x14d02573)
  li t0, 1 << 63; csrs MENVCFG, t0
  # delegated S timer interrupt taken in S
  la t0, s_irq; csrw stvec, t0
  li t0, 1 << IRQ_S_TIMER; csrw mideleg, t0; csrw mie, t0
  GOTO_S(2f)
2: csrsi sstatus, MSTATUS_SIE
  csrr t0, time; addi t0, t0, 300; csrw STIMECMP, t0
  li TESTNUM, 7; csrr s1, time; li t0, 10000000; add s1, s1, t0
9: la t1, irq_seen; ld t0, 0(t1); bnez t0, 8f
  csrr t0, time; bltu t0, s1, 9b; j test_fail
8: CHECK(8, t0, INTR | IRQ_S_TIMER)
  csrci sstatus, MSTATUS_SIE
  TEST_CASE(9, a0, -1, csrr a0, STIMECMP)
TEST_END
  .section .text
  .align 2
s_irq:
  csrr t5, scause; bgez t5, strap_vector
  la t6, irq_seen; sd t5, 0(t6)
  li t5, -1; csrw STIMECMP, t5
  sret
  .data
  .align 3
irq_seen: .dword 0
