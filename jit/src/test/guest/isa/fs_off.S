# mstatus.FS (priv spec 3.1.6.6): FP instructions and fcsr are illegal when FS=Off; mtval holds
# the instruction bits. Writing FP state makes FS Dirty and sets SD.
#include "test.h"
TEST_BEGIN("fs_off")
  .option norvc
  li t0, MSTATUS_FS; csrc mstatus, t0
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  fadd.s fa0, fa1, fa2            # 0x00c5f553
  j test_fail
1: CHECK_TRAP(1, CAUSE_ILLEGAL, 0x00c5f553)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  la a1, scratch; fld fa0, 0(a1)  # 0x0005b507
  j test_fail
1: CHECK_TRAP(2, CAUSE_ILLEGAL, 0x0005b507)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, fflags                 # 0x00102573
  j test_fail
1: CHECK_TRAP(3, CAUSE_ILLEGAL, 0x00102573)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  fmv.x.d a0, fa0                 # 0xe2050553
  j test_fail
1: CHECK_TRAP(4, CAUSE_ILLEGAL, 0xe2050553)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  .option push
  .option rvc
  c.fldsp fa0, 0(sp)              # 0x2502
  .option pop
  j test_fail
1: CHECK_TRAP(5, CAUSE_ILLEGAL, 0x2502)
  .option norvc
  # FS=Initial -> an FP register write makes it Dirty and SD=1
  li t0, MSTATUS_FS_INITIAL; csrs mstatus, t0
  CHECK_CSR(6, mstatus, MSTATUS_FS | MSTATUS_SD, MSTATUS_FS_INITIAL)
  fmv.d.x fa0, zero
  CHECK_CSR(7, mstatus, MSTATUS_FS | MSTATUS_SD, MSTATUS_FS_DIRTY | MSTATUS_SD)
  # FS=Clean -> writing fflags makes it Dirty
  li t0, MSTATUS_FS; csrc mstatus, t0; li t0, MSTATUS_FS_CLEAN; csrs mstatus, t0
  CHECK_CSR(8, mstatus, MSTATUS_FS | MSTATUS_SD, MSTATUS_FS_CLEAN)
  csrwi fflags, 1
  CHECK_CSR(9, mstatus, MSTATUS_FS | MSTATUS_SD, MSTATUS_FS_DIRTY | MSTATUS_SD)
  # sstatus shows the same FS and SD
  CHECK_CSR(10, sstatus, MSTATUS_FS | MSTATUS_SD, MSTATUS_FS_DIRTY | MSTATUS_SD)
  # FS off also for S-mode
  li t0, MSTATUS_FS; csrc mstatus, t0
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  fmv.w.x fa0, zero               # 0xf0000553
  j test_fail
1: CHECK_TRAP(11, CAUSE_ILLEGAL, 0xf0000553)
TEST_END
  .data
  .align 3
scratch: .dword 0
