# CSR access rules (priv spec 2.1, 2.3): read-only CSRs, nonexistent CSRs and insufficient privilege
# raise illegal instruction with mtval = the instruction bits; WARL views (sstatus, sie).
#include "test.h"
TEST_BEGIN("csr")
  .option norvc
  # read-only machine information registers are readable
  csrr a0, mvendorid; csrr a0, marchid; csrr a0, mimpid
  TEST_CASE(1, a0, 0, csrr a0, mhartid)
  # misa: MXL=2 (RV64) and I, M, A, F, D, C, S, U present
  TEST_CASE(2, a0, 0x800000000014112d, csrr a0, misa; li a1, 0xc00000000014112d; and a0, a0, a1)
  # csrrs with rs1=x0 on a read-only CSR does not write: legal
  csrrs a0, mhartid, x0
  # csrrw to a read-only CSR is illegal even with rd=x0
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrw mvendorid, a0              # 0xf1151073
  j test_fail
1: CHECK_TRAP(3, CAUSE_ILLEGAL, 0xf1151073)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrrsi a0, mhartid, 1           # 0xf140e573
  j test_fail
1: CHECK_TRAP(4, CAUSE_ILLEGAL, 0xf140e573)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrwi cycle, 0                  # 0xc0005073
  j test_fail
1: CHECK_TRAP(5, CAUSE_ILLEGAL, 0xc0005073)
  # nonexistent CSR
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, 0x8ff                  # 0x8ff02573
  j test_fail
1: CHECK_TRAP(6, CAUSE_ILLEGAL, 0x8ff02573)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, 0x5ff                  # custom S-level slot, unimplemented: 0x5ff02573
  j test_fail
1: CHECK_TRAP(7, CAUSE_ILLEGAL, 0x5ff02573)
  # read/write semantics of csrrw/csrrs/csrrc and immediates
  TEST_CASE(8, a0, 0x5, li a1, 0x5; csrw mscratch, a1; li a1, 0xa; csrrw a0, mscratch, a1)
  TEST_CASE(9, a0, 0xf, li a1, 0x5; csrrs zero, mscratch, a1; csrr a0, mscratch)
  TEST_CASE(10, a0, 0xb, li a1, 0x4; csrrc a0, mscratch, a1; csrr a0, mscratch)
  TEST_CASE(11, a0, 0x1f, csrrsi zero, mscratch, 0x1f; csrr a0, mscratch)
  TEST_CASE(12, a0, 0x10, csrrci zero, mscratch, 0xf; csrr a0, mscratch)
  TEST_CASE(13, a0, 0x10, csrrwi a0, mscratch, 3)
  TEST_CASE(14, a0, 3, csrr a0, mscratch)
  # sstatus is a restricted view of mstatus
  TEST_CASE(15, a0, MSTATUS_SIE, csrw mstatus, zero; li a1, MSTATUS_FS_INITIAL; csrs mstatus, a1; csrsi sstatus, MSTATUS_SIE; csrr a0, mstatus; andi a0, a0, 0xff)
  TEST_CASE(16, a0, 0, li a1, MSTATUS_MIE | MSTATUS_MPIE; csrs sstatus, a1; csrr a0, mstatus; andi a0, a0, MSTATUS_MIE | MSTATUS_MPIE)
  csrci sstatus, MSTATUS_SIE
  # sie/sip show only the bits delegated in mideleg (priv 1.12, 4.1.3)
  li a1, 0x222; csrw mideleg, a1
  li a1, 0xaaa; csrw mie, a1
  TEST_CASE(17, a0, 0x222, csrr a0, sie)
  TEST_CASE(18, a0, 0x000, csrw mideleg, zero; csrr a0, sie)
  csrw mie, zero
  # satp: writing an unsupported MODE has no effect
  TEST_CASE(19, a0, 0, li a1, (1 << 60) | 0x1234; csrw satp, a1; csrr a0, satp)
  # mstatus.UXL/SXL and sstatus.UXL are read-only 2 (XLEN=64)
  TEST_CASE(23, a0, 0xa, csrr a0, mstatus; srli a0, a0, 32; andi a0, a0, 0xf)
  TEST_CASE(24, a0, 0x2, csrr a0, sstatus; srli a0, a0, 32; andi a0, a0, 0xf)
  TEST_CASE(25, a0, 0xa, li a1, 0xf00000000; csrc mstatus, a1; csrr a0, mstatus; srli a0, a0, 32; andi a0, a0, 0xf)
  # mstatus.SD summarizes FS=Dirty, in sstatus too
  li a1, MSTATUS_FS; csrs mstatus, a1
  TEST_CASE(26, a0, 1, csrr a0, sstatus; srli a0, a0, 63)
  li a1, MSTATUS_FS; csrc mstatus, a1
  TEST_CASE(27, a0, 0, csrr a0, mstatus; srli a0, a0, 63)
  li a1, MSTATUS_FS_INITIAL; csrs mstatus, a1
  # privilege: S-mode can't touch M-level CSRs, U-mode can't touch S-level ones
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, mstatus                # 0x30002573
  j test_fail
1: CHECK_TRAP(20, CAUSE_ILLEGAL, 0x30002573)
  GOTO_S(2f)
2: csrr a0, sscratch              # allowed
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrw mscratch, a0               # 0x34051073
  j test_fail
1: CHECK_TRAP(21, CAUSE_ILLEGAL, 0x34051073)
  GOTO_U(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, sstatus                # 0x10002573
  j test_fail
1: CHECK_TRAP(22, CAUSE_ILLEGAL, 0x10002573)
TEST_END
