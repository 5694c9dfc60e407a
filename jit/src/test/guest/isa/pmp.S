# PMP (priv spec 3.7): NA4, NAPOT and TOR regions; S-mode is denied where no entry matches;
# M-mode ignores unlocked entries but obeys locked ones; locked entries can't be rewritten.
#include "test.h"
#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
#define PMP_L 0x80
#define NAPOT_PAGE  0x80100000     /* 4K, R only */
#define TOR_PAGE    0x80101000     /* 4K, R W (no X) */
#define NA4_WORD    0x80102000     /* 4 bytes, no permissions */
#define UNCOVERED   0x80103000     /* no entry */
TEST_BEGIN("pmp")
  .option norvc
  # entries: 0 NA4 word (---), 1 NAPOT page (R), 2..3 TOR page (RW), 4 NAPOT 1M at 0x80000000 (RWX)
  li t0, NA4_WORD >> 2; csrw pmpaddr0, t0
  li t0, (NAPOT_PAGE >> 2) | 0x1ff; csrw pmpaddr1, t0
  li t0, TOR_PAGE >> 2; csrw pmpaddr2, t0
  li t0, (TOR_PAGE + 4096) >> 2; csrw pmpaddr3, t0
  li t0, (0x80000000 >> 2) | 0x1ffff; csrw pmpaddr4, t0
  li t0, (PMP_NA4) | ((PMP_NAPOT | PMP_R) << 8) | ((PMP_TOR | PMP_R | PMP_W) << 24) | ((PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 32)
  csrw pmpcfg0, t0
  TEST_CASE(1, a0, 0x1f0b001910, csrr a0, pmpcfg0; li a1, 0xffffffffff; and a0, a0, a1)
  TEST_CASE(2, a0, (NAPOT_PAGE >> 2) | 0x1ff, csrr a0, pmpaddr1)
  # data patterns (M-mode: no entry is locked, so everything is accessible)
  li a1, NAPOT_PAGE; li a2, 0x1234; sd a2, 0(a1); li a1, NAPOT_PAGE + 0xff8; sd zero, 0(a1)
  li a1, TOR_PAGE; li a2, 0x5678; sd a2, 0(a1)
  li a1, NA4_WORD; li a2, 0x9abc; sw a2, 0(a1)
  li a1, UNCOVERED; sd a2, 0(a1)
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_LOAD_ACCESS, 1f)
  li a1, NA4_WORD; lw a0, 0(a1)
  j test_fail
1: CHECK_TRAP(3, CAUSE_LOAD_ACCESS, NA4_WORD)
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_STORE_ACCESS, 1f)
  li a1, NA4_WORD; sw a0, 0(a1)
  j test_fail
1: CHECK_TRAP(4, CAUSE_STORE_ACCESS, NA4_WORD)
  GOTO_S(2f)
2: TEST_CASE(5, a0, 0x1234, li a1, NAPOT_PAGE; ld a0, 0(a1))
  TEST_CASE(6, a0, 0, li a1, NAPOT_PAGE + 0xff8; ld a0, 0(a1))
  EXPECT_TRAP(CAUSE_STORE_ACCESS, 1f)
  li a1, NAPOT_PAGE + 8; sd a0, 0(a1)
  j test_fail
1: CHECK_TRAP(7, CAUSE_STORE_ACCESS, NAPOT_PAGE + 8)
  GOTO_S(2f)
2: TEST_CASE(8, a0, 0x5678, li a1, TOR_PAGE; ld a0, 0(a1))
  TEST_CASE(9, a0, 0x77, li a1, TOR_PAGE + 0xff8; li a0, 0x77; sd a0, 0(a1); ld a0, 0(a1))
  EXPECT_TRAP(CAUSE_FETCH_ACCESS, 1f)
  li a1, TOR_PAGE; jalr a1
  j test_fail
1: CHECK_TRAP(10, CAUSE_FETCH_ACCESS, TOR_PAGE)
  # no matching entry: S-mode is denied
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_LOAD_ACCESS, 1f)
  li a1, UNCOVERED; ld a0, 0(a1)
  j test_fail
1: CHECK_TRAP(11, CAUSE_LOAD_ACCESS, UNCOVERED)
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_LOAD_ACCESS, 1f)
  li a1, NA4_WORD + 4; lw a0, 0(a1)
  j test_fail
1: CHECK_TRAP(12, CAUSE_LOAD_ACCESS, NA4_WORD + 4)
  # M-mode ignores unlocked entries
  TEST_CASE(13, a0, 0x9abc, li a1, NA4_WORD; lw a0, 0(a1))
  # an access only partly inside an entry fails, even in M-mode (priv 3.7.1.4)
  EXPECT_TRAP(CAUSE_LOAD_ACCESS, 1f)
  li a1, NA4_WORD; ld a0, 0(a1)
  j test_fail
1: CHECK_TRAP(21, CAUSE_LOAD_ACCESS, NA4_WORD)
  TEST_CASE(14, a0, 0x4321, li a1, NAPOT_PAGE; li a0, 0x4321; sd a0, 16(a1); ld a0, 16(a1))
  TEST_CASE(15, a0, 0x9abc, li a1, UNCOVERED; ld a0, 0(a1))
  # lock entry 1: now M-mode stores to the NAPOT page fault, loads still work
  li t0, PMP_L << 8; csrs pmpcfg0, t0
  TEST_CASE(16, a0, 0x4321, li a1, NAPOT_PAGE; ld a0, 16(a1))
  EXPECT_TRAP(CAUSE_STORE_ACCESS, 1f)
  li a1, NAPOT_PAGE + 16; sd a0, 0(a1)
  j test_fail
1: CHECK_TRAP(17, CAUSE_STORE_ACCESS, NAPOT_PAGE + 16)
  # a locked entry ignores writes to its cfg byte and its address register
  li t0, (PMP_L | PMP_R) << 8; csrc pmpcfg0, t0
  TEST_CASE(18, a0, 0x99, csrr a0, pmpcfg0; srli a0, a0, 8; andi a0, a0, 0xff)
  TEST_CASE(19, a0, (NAPOT_PAGE >> 2) | 0x1ff, csrw pmpaddr1, zero; csrr a0, pmpaddr1)
  # other entries stay writable
  TEST_CASE(20, a0, 0x00, li t0, 0xff; csrc pmpcfg0, t0; csrr a0, pmpcfg0; andi a0, a0, 0xff)
TEST_END
