# mret/sret (priv spec 3.1.6.1, 3.3.2): stack pops (MPRV clearing: see mprv.S),
# TSR/TW/TVM traps, xRET from the wrong privilege.
#include "test.h"
TEST_BEGIN("xret")
  .option norvc
  # mret to M keeps MPRV; MIE <- MPIE, MPIE <- 1, MPP <- U
  li t0, MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_MPIE; csrs mstatus, t0
  li t0, MSTATUS_MIE; csrc mstatus, t0
  la t0, 1f; csrw mepc, t0; mret
1: CHECK_CSR(1, mstatus, MSTATUS_MPRV | MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPRV | MSTATUS_MPIE | MSTATUS_MIE)
  csrci mstatus, MSTATUS_MIE
  # sret: SIE <- SPIE, SPIE <- 1, SPP <- U
  GOTO_S(2f)
2: li t0, MSTATUS_SPP | MSTATUS_SPIE; csrs sstatus, t0
  csrci sstatus, MSTATUS_SIE
  la t0, 1f; csrw sepc, t0; sret
1: ECALL_TO_M(CAUSE_ECALL_S, 3f)     # still S (SPP was S)
3: la t1, trap_status; ld a0, 0(t1); andi a0, a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
  CHECK(3, a0, MSTATUS_SPIE | MSTATUS_SIE)
  # mret from S is illegal, sret from U is illegal
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  mret
  j test_fail
1: CHECK_TRAP(5, CAUSE_ILLEGAL, 0x30200073)
  GOTO_U(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  sret
  j test_fail
1: CHECK_TRAP(6, CAUSE_ILLEGAL, 0x10200073)
  # TSR: sret in S is illegal
  li t0, MSTATUS_TSR; csrs mstatus, t0
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  sret
  j test_fail
1: CHECK_TRAP(7, CAUSE_ILLEGAL, 0x10200073)
  li t0, MSTATUS_TSR; csrc mstatus, t0
  # TVM: satp and sfence.vma in S are illegal
  li t0, MSTATUS_TVM; csrs mstatus, t0
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, satp
  j test_fail
1: CHECK_TRAP(8, CAUSE_ILLEGAL, 0x18002573)
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  sfence.vma
  j test_fail
1: CHECK_TRAP(9, CAUSE_ILLEGAL, 0x12000073)
  li t0, MSTATUS_TVM; csrc mstatus, t0
  # TW: wfi in S is illegal; wfi in U is always illegal
  li t0, MSTATUS_TW; csrs mstatus, t0
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  wfi
  j test_fail
1: CHECK_TRAP(10, CAUSE_ILLEGAL, 0x10500073)
  li t0, MSTATUS_TW; csrc mstatus, t0
  GOTO_U(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  wfi
  j test_fail
1: CHECK_TRAP(11, CAUSE_ILLEGAL, 0x10500073)
  # sfence.vma in U is illegal
  GOTO_U(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  sfence.vma
  j test_fail
1: CHECK_TRAP(12, CAUSE_ILLEGAL, 0x12000073)
TEST_END
