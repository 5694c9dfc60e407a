# Interrupt priority (priv spec 3.1.9): with MSI, MTI, SSI and STI all pending and enabled in
# M-mode (nothing delegated) they are taken in the order MSI, MTI, SSI, STI; each handler clears
# its own source, so the log shows the order. nexus-only: QEMU 7.2 (without AIA) takes the pending
# interrupt with the lowest cause number first (ctz64 of the pending set): SSI, MSI, STI, MTI.
#include "test.h"
#define STIMECMP 0x14d
#define MENVCFG  0x30a
TEST_BEGIN("irq_priority")
  .option norvc
  li t0, 1 << 63; csrs MENVCFG, t0
  la t0, handler; csrw mtvec, t0
  csrw mideleg, zero
  # make all four pending with MIE=0
  li t1, CLINT_MTIMECMP; sd zero, 0(t1)
  li t0, 1; li t1, CLINT_MSIP; sw t0, 0(t1)
  csrw STIMECMP, zero
  csrsi mip, 1 << IRQ_S_SOFT
  li t0, (1 << IRQ_M_SOFT) | (1 << IRQ_M_TIMER) | (1 << IRQ_S_SOFT) | (1 << IRQ_S_TIMER); csrw mie, t0
  li TESTNUM, 1; li t1, CLINT_MTIME; ld s1, 0(t1); li t0, 10000000; add s1, s1, t0
9: csrr t0, mip; andi t0, t0, 0xaa; li t2, 0xaa; beq t0, t2, 8f
  li t1, CLINT_MTIME; ld t0, 0(t1); bltu t0, s1, 9b; j test_fail
8: csrsi mstatus, MSTATUS_MIE
  nop; nop; nop; nop
  csrci mstatus, MSTATUS_MIE
  TEST_CASE(2, a0, 4, la t1, irq_n; ld a0, 0(t1))
  TEST_CASE(3, a0, INTR | IRQ_M_SOFT, la t1, irq_n; ld a0, 8(t1))
  TEST_CASE(4, a0, INTR | IRQ_M_TIMER, la t1, irq_n; ld a0, 16(t1))
  TEST_CASE(5, a0, INTR | IRQ_S_SOFT, la t1, irq_n; ld a0, 24(t1))
  TEST_CASE(6, a0, INTR | IRQ_S_TIMER, la t1, irq_n; ld a0, 32(t1))
  la t0, trap_vector; csrw mtvec, t0
TEST_END
  .section .text
  .align 2
handler:
  csrr t5, mcause; bgez t5, trap_vector
  la t6, irq_n; ld t5, 0(t6); addi t5, t5, 1; sd t5, 0(t6)
  slli t5, t5, 3; add t6, t6, t5; csrr t5, mcause; sd t5, 0(t6)
  andi t5, t5, 0xf
  li t6, IRQ_M_SOFT; bne t5, t6, 1f
  li t6, CLINT_MSIP; sw zero, 0(t6); mret
1: li t6, IRQ_M_TIMER; bne t5, t6, 2f
  li t5, -1; li t6, CLINT_MTIMECMP; sd t5, 0(t6); mret
2: li t6, IRQ_S_SOFT; bne t5, t6, 3f
  csrci mip, 1 << IRQ_S_SOFT; mret
3: li t5, -1; csrw STIMECMP, t5; mret
  .data
  .align 3
irq_n: .dword 0
irq_log: .skip 8 * 8
