# Zba: address generation.
#include "test.h"
TEST_BEGIN("zba")
  TEST_CASE(1, a0, 0x0000000000000103, li a1, 0x80; li a2, 3; sh1add a0, a1, a2)
  TEST_CASE(2, a0, 0x0000000000000203, li a1, 0x80; li a2, 3; sh2add a0, a1, a2)
  TEST_CASE(3, a0, 0x0000000000000403, li a1, 0x80; li a2, 3; sh3add a0, a1, a2)
  TEST_CASE(4, a0, 0x0000000000000001, li a1, 0x8000000000000000; li a2, 1; sh1add a0, a1, a2)
  TEST_CASE(5, a0, 0x00000000ffffffff, li a1, 0xffffffffffffffff; li a2, 0; add.uw a0, a1, a2)
  TEST_CASE(6, a0, 0x0000000100000000, li a1, 0xffffffffffffffff; li a2, 1; add.uw a0, a1, a2)
  TEST_CASE(7, a0, 0x00000001fffffffe, li a1, 0x12345678ffffffff; li a2, 0; sh1add.uw a0, a1, a2)
  TEST_CASE(8, a0, 0x00000003fffffffd, li a1, 0x12345678ffffffff; li a2, 1; sh2add.uw a0, a1, a2)
  TEST_CASE(9, a0, 0x00000007fffffffa, li a1, 0x12345678ffffffff; li a2, 2; sh3add.uw a0, a1, a2)
  TEST_CASE(10, a0, 0x0000000200000000, li a1, 0xff80000000; slli.uw a0, a1, 2)
  TEST_CASE(11, a0, 0x8000000000000000, li a1, 0x1; slli.uw a0, a1, 63)
  TEST_CASE(12, a0, 0x0000000080000000, li a1, 0xffffffff80000000; zext.w a0, a1)   # add.uw rd, rs, zero
TEST_END
