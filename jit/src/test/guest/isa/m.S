# RV64M: multiply high parts, division by zero and signed overflow (unprivileged spec, table 13.1).
#include "test.h"
#define MIN64 0x8000000000000000
#define MIN32 0xffffffff80000000
TEST_BEGIN("m")
  TEST_CASE(1, a0, 0x0000000000000001, li a1, -1; li a2, -1; mul a0, a1, a2)
  TEST_CASE(2, a0, 0x0000000000000000, li a1, -1; li a2, -1; mulh a0, a1, a2)
  TEST_CASE(3, a0, 0xfffffffffffffffe, li a1, -1; li a2, -1; mulhu a0, a1, a2)
  TEST_CASE(4, a0, 0xffffffffffffffff, li a1, -1; li a2, -1; mulhsu a0, a1, a2)   # -1 * (2^64-1)
  TEST_CASE(6, a0, 0x4000000000000000, li a1, MIN64; li a2, MIN64; mulh a0, a1, a2)
  TEST_CASE(7, a0, 0x4000000000000000, li a1, MIN64; li a2, MIN64; mulhu a0, a1, a2)
  TEST_CASE(8, a0, 0xc000000000000000, li a1, MIN64; li a2, MIN64; mulhsu a0, a1, a2)
  TEST_CASE(9, a0, 0x0000000000000000, li a1, MIN64; li a2, 2; mul a0, a1, a2)
  TEST_CASE(10, a0, 0x0000000000000001, li a1, 0x123456789; li a2, 0x100000000; mulhu a0, a1, a2)
  TEST_CASE(11, a0, 0xffffffff80000000, li a1, 0x10000; li a2, 0x8000; mulw a0, a1, a2)
  TEST_CASE(12, a0, 0x0000000000000001, li a1, 0xffffffff00000001; li a2, 0x1; mulw a0, a1, a2)
  # division by zero: quotient all ones, remainder = dividend
  TEST_CASE(13, a0, -1, li a1, 42; div a0, a1, zero)
  TEST_CASE(14, a0, -1, li a1, 42; divu a0, a1, zero)
  TEST_CASE(15, a0, 42, li a1, 42; rem a0, a1, zero)
  TEST_CASE(16, a0, -42, li a1, -42; remu a0, a1, zero)
  TEST_CASE(17, a0, -1, li a1, 42; divw a0, a1, zero)
  TEST_CASE(18, a0, -1, li a1, 42; divuw a0, a1, zero)
  TEST_CASE(19, a0, 0xffffffff80000000, li a1, 0x80000000; remw a0, a1, zero)
  TEST_CASE(20, a0, 0xffffffff80000000, li a1, 0x0000000180000000; remuw a0, a1, zero)
  # signed overflow: quotient = dividend, remainder = 0
  TEST_CASE(21, a0, MIN64, li a1, MIN64; li a2, -1; div a0, a1, a2)
  TEST_CASE(22, a0, 0, li a1, MIN64; li a2, -1; rem a0, a1, a2)
  TEST_CASE(23, a0, MIN32, li a1, 0x80000000; li a2, -1; divw a0, a1, a2)
  TEST_CASE(24, a0, 0, li a1, 0x80000000; li a2, -1; remw a0, a1, a2)
  # rounding toward zero, sign of remainder follows dividend
  TEST_CASE(25, a0, -2, li a1, -7; li a2, 3; div a0, a1, a2)
  TEST_CASE(26, a0, -1, li a1, -7; li a2, 3; rem a0, a1, a2)
  TEST_CASE(27, a0, 1, li a1, 7; li a2, -3; rem a0, a1, a2)
  TEST_CASE(28, a0, 0, li a1, 7; li a2, -3; divu a0, a1, a2)
  TEST_CASE(29, a0, 7, li a1, 7; li a2, -3; remu a0, a1, a2)
  TEST_CASE(30, a0, 0x000000007fffffff, li a1, 0xfffffffffffffffe; li a2, 2; divuw a0, a1, a2)
  TEST_CASE(31, a0, 0xfffffffffffffffd, li a1, 0x12345678fffffffa; li a2, 0xff00000002; divw a0, a1, a2)
  TEST_CASE(32, a0, 0x1, li a1, 0x7; li a2, 0x100000003; remuw a0, a1, a2)
TEST_END
