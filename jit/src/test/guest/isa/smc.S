# Self-modifying code made visible by fence.i (Zifencei), instructions straddling a page boundary,
# and precise interrupt epc (the instruction after the one that enabled the interrupt; WFI + 4).
#include "test.h"
TEST_BEGIN("smc")
  .option norvc
  # patch "li a0, 1" (addi a0, x0, 1 = 0x00100513) into "li a0, 2" (0x00200513), then run it
  li a0, 0
  jal ra, patched
  CHECK(1, a0, 1)
  la t0, patched; li t1, 0x00200513; sw t1, 0(t0)
  fence.i
  jal ra, patched
  CHECK(2, a0, 2)
  # patch it again from a different routine after it ran (a cached translation must go)
  la t0, patched; li t1, 0x00300513; sw t1, 0(t0)
  fence.i
  jal ra, patched
  CHECK(3, a0, 3)
  # a 32-bit instruction straddling a page boundary (bare mode) executes normally
  li a0, 5
  jal ra, straddle
  CHECK(4, a0, 6)
  # precise interrupt epc: MSIP pending, enabling MIE traps with mepc = the next instruction
  la t0, irq_handler; csrw mtvec, t0
  li t0, 1 << IRQ_M_SOFT; csrw mie, t0
  li t0, 1; li t1, CLINT_MSIP; sw t0, 0(t1)
  li TESTNUM, 5; li t1, CLINT_MTIME; ld s1, 0(t1); li t0, 10000000; add s1, s1, t0
7: csrr t0, mip; andi t0, t0, 1 << IRQ_M_SOFT; bnez t0, 8f
  li t1, CLINT_MTIME; ld t0, 0(t1); bltu t0, s1, 7b; j test_fail
8: csrsi mstatus, MSTATUS_MIE
9: nop
  la t1, irq_epc; ld a0, 0(t1); la a1, 9b
  CHECK_EQ(6, a0, a1)
  # WFI with the timer interrupt enabled: taken, mepc = the instruction after the wfi
  csrci mstatus, MSTATUS_MIE
  li t1, CLINT_MTIME; ld t0, 0(t1); addi t0, t0, 100; li t1, CLINT_MTIMECMP; sd t0, 0(t1)
  li t0, 1 << IRQ_M_TIMER; csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
wfi_insn: wfi
14: nop
  la t1, irq_epc; ld a0, 0(t1); la a1, 14b; la a2, wfi_insn
  li TESTNUM, 8
  beq a0, a1, 15f                     # woke from WFI: mepc = wfi + 4
  bne a0, a2, test_fail               # or the timer fired just before the wfi issued
15: csrci mstatus, MSTATUS_MIE
  la t0, trap_vector; csrw mtvec, t0
TEST_END

  .section .text
  .align 2
patched:
  li a0, 1
  ret
irq_handler:
  csrr t5, mepc; la t6, irq_epc; sd t5, 0(t6)
  # taken just before the wfi issued (a slow host): return past it, or it would sleep with the
  # timer switched off below
  la t6, wfi_insn; bne t5, t6, 1f; addi t5, t5, 4; csrw mepc, t5
1:
  li t6, CLINT_MSIP; sw zero, 0(t6)
  li t5, -1; li t6, CLINT_MTIMECMP; sd t5, 0(t6)
  mret
  .align 12
  .skip 4096 - 8
straddle:
  nop
  .2byte 0x0001                       # c.nop: the next 32-bit instruction starts 2 bytes before the page end
  addi a0, a0, 1
  ret
  .data
  .align 3
irq_epc: .dword 0
