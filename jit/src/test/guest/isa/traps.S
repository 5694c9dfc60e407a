# Synchronous traps and delegation (priv spec 3.1.8, 3.1.15, 3.3.1): ecall from U/S/M, medeleg,
# mepc/sepc, mtval/stval, mstatus.MPP/SPP/MPIE stacking, access faults, ebreak.
#include "test.h"
TEST_BEGIN("traps")
  .option norvc
  # ecall from M
  EXPECT_TRAP(CAUSE_ECALL_M, 1f)
2: ecall
  j test_fail
1: CHECK_TRAP_EPC(1, CAUSE_ECALL_M, 2b, 3)
  CHECK(2, zero, 0)
  la t1, trap_tval; ld a0, 0(t1)
  CHECK(3, a0, 0)
  # ecall from U (not delegated): M-mode, MPP = U
  GOTO_U(3f)
3: EXPECT_TRAP(CAUSE_ECALL_U, 1f)
2: ecall
  j test_fail
1: CHECK_TRAP_EPC(4, CAUSE_ECALL_U, 2b, 3)
  la t1, trap_status; ld a0, 0(t1); li a1, MSTATUS_MPP; and a0, a0, a1
  CHECK(5, a0, 0)
  # ecall from S: MPP = S
  GOTO_S(3f)
3: EXPECT_TRAP(CAUSE_ECALL_S, 1f)
2: ecall
  j test_fail
1: CHECK_TRAP_EPC(6, CAUSE_ECALL_S, 2b, 3)
  la t1, trap_status; ld a0, 0(t1); li a1, MSTATUS_MPP; and a0, a0, a1
  CHECK(7, a0, MSTATUS_MPP_S)
  # MIE is stacked into MPIE and cleared on a trap
  li t0, MSTATUS_MIE; csrs mstatus, t0
  EXPECT_TRAP(CAUSE_ECALL_M, 1f)
  ecall
  j test_fail
1: la t1, trap_status; ld a0, 0(t1); andi a0, a0, MSTATUS_MIE | MSTATUS_MPIE
  CHECK(8, a0, MSTATUS_MPIE)
  # delegate U ecalls to S: handled by the S handler, scause/sepc, SPP = U
  li t0, 1 << CAUSE_ECALL_U; csrw medeleg, t0
  GOTO_U(3f)
3: EXPECT_TRAP(CAUSE_ECALL_U, 1f)
2: ecall
  j test_fail
1: CHECK_TRAP_EPC(9, CAUSE_ECALL_U, 2b, 1)
  la t1, trap_status; ld a0, 0(t1); andi a0, a0, MSTATUS_SPP
  CHECK(10, a0, 0)
  # now in S (the S handler resumed in S): S ecall is not delegated -> M
  EXPECT_TRAP(CAUSE_ECALL_S, 1f)
  ecall
  j test_fail
1: CHECK_TRAP(11, CAUSE_ECALL_S, 0)
  # delegated illegal instruction taken in S: stval = instruction bits, SPP = S
  li t0, (1 << CAUSE_ILLEGAL) | (1 << CAUSE_LOAD_ACCESS); csrw medeleg, t0
  GOTO_S(3f)
3: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
2: .word 0xffffffff
  j test_fail
1: CHECK_TRAP_EPC(12, CAUSE_ILLEGAL, 2b, 1)
  CHECK_TRAP(13, CAUSE_ILLEGAL, 0xffffffff)
  la t1, trap_status; ld a0, 0(t1); andi a0, a0, MSTATUS_SPP
  CHECK(14, a0, MSTATUS_SPP)
  # load access fault in S, delegated: stval = address
  EXPECT_TRAP(CAUSE_LOAD_ACCESS, 1f)
  li a1, 0x1000000008; ld a0, 0(a1)
  j test_fail
1: CHECK_TRAP(15, CAUSE_LOAD_ACCESS, 0x1000000008)
  ECALL_TO_M(CAUSE_ECALL_S, 3f)
  # traps taken in M are never delegated
3: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
2: .word 0xffffffff
  j test_fail
1: CHECK_TRAP_EPC(16, CAUSE_ILLEGAL, 2b, 3)
  csrw medeleg, zero
  # access faults in M: load, store, fetch; mtval = address
  EXPECT_TRAP(CAUSE_LOAD_ACCESS, 1f)
  li a1, 0x1000000000; lw a0, 0(a1)
  j test_fail
1: CHECK_TRAP(17, CAUSE_LOAD_ACCESS, 0x1000000000)
  EXPECT_TRAP(CAUSE_STORE_ACCESS, 1f)
  li a1, 0x1000000000; sd a0, 0(a1)
  j test_fail
1: CHECK_TRAP(18, CAUSE_STORE_ACCESS, 0x1000000000)
  EXPECT_TRAP(CAUSE_FETCH_ACCESS, 1f)
  li a1, 0x1000000000; jalr a1
  j test_fail
1: CHECK_TRAP(19, CAUSE_FETCH_ACCESS, 0x1000000000)
  la t1, trap_epc; ld a0, 0(t1)
  CHECK(20, a0, 0x1000000000)
  # ebreak: breakpoint, mepc = the ebreak
  EXPECT_TRAP(CAUSE_BREAKPOINT, 1f)
2: ebreak
  j test_fail
1: CHECK_TRAP_EPC(21, CAUSE_BREAKPOINT, 2b, 3)
  # (mepc[0] reading as zero is not tested: QEMU 7.2 keeps the bit as written.)
  # mcause/mtval are writable (WLRL/WARL, ordinary values kept)
  TEST_CASE(23, a0, 0x5, li a1, 5; csrw mcause, a1; csrr a0, mcause)
TEST_END
