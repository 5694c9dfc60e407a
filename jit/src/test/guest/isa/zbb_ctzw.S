# ctzw counts trailing zeros of the low word only: 32 when the low word is zero, whatever the upper
# word holds (Zbb 1.0.0, ctzw). nexus-only: QEMU 7.2 returns the 64-bit count instead (46 for
# 1 << 46, 63 for 1 << 63), found by the differential test; the Zb group of the differential test
# therefore only compares ctzw on values with a set bit in the low word.
#include "test.h"
TEST_BEGIN("zbb_ctzw")
  TEST_CASE(1, a0, 32, li a1, 0x0000400000000000; ctzw a0, a1)
  TEST_CASE(2, a0, 32, li a1, 0x8000000000000000; ctzw a0, a1)
  TEST_CASE(3, a0, 32, li a1, 0; ctzw a0, a1)
  TEST_CASE(4, a0, 32, li a1, 0xffffffff00000000; ctzw a0, a1)
  TEST_CASE(5, a0, 31, li a1, 0xffffffff80000000; ctzw a0, a1)
  TEST_CASE(6, a0, 32, li a1, 0xffffffff00000000; clzw a0, a1)
  TEST_CASE(7, a0, 64, li a1, 0; ctz a0, a1)
TEST_END
