# Zbs: single-bit instructions (index taken modulo 64).
#include "test.h"
TEST_BEGIN("zbs")
  TEST_CASE(1, a0, 0xfffffffffffffffe, li a1, -1; li a2, 64; bclr a0, a1, a2)
  TEST_CASE(2, a0, 0x7fffffffffffffff, li a1, -1; bclri a0, a1, 63)
  TEST_CASE(3, a0, 1, li a1, 0x8000000000000000; li a2, 63; bext a0, a1, a2)
  TEST_CASE(4, a0, 0, li a1, 0x8000000000000000; bexti a0, a1, 62)
  TEST_CASE(5, a0, 0x8000000000000001, li a1, 1; li a2, 127; binv a0, a1, a2)
  TEST_CASE(6, a0, 0x0, li a1, 0x10; binvi a0, a1, 4)
  TEST_CASE(7, a0, 0x100000000, li a1, 0; li a2, 32; bset a0, a1, a2)
  TEST_CASE(8, a0, 0x8000000000000000, li a1, 0; bseti a0, a1, 63)
TEST_END
