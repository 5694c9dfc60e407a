# RVC: every RV64C instruction (explicit c.* mnemonics so the assembler cannot pick 32-bit forms).
#include "test.h"
TEST_BEGIN("c")
  .option push
  .option rvc
  TEST_CASE(1, a0, -32, c.li a0, -32)
  TEST_CASE(2, a0, 31, c.li a0, 31)
  TEST_CASE(3, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
  TEST_CASE(4, a0, 0x1f000, c.lui a0, 0x1f)
  TEST_CASE(5, a0, 0x8000000000000010, li a0, 0x8000000000000020; c.addi a0, -16)
  TEST_CASE(6, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
  TEST_CASE(7, a0, 0x0000000012345678, li a0, 0xff12345678; c.addiw a0, 0)     # sext.w
  TEST_CASE(8, a0, 0x1000, mv s0, sp; li sp, 0x1200; c.addi16sp sp, -512; mv a0, sp; mv sp, s0)
  TEST_CASE(9, a0, 0x11f0, mv s0, sp; li sp, 0x1000; c.addi16sp sp, 496; mv a0, sp; mv sp, s0)
  TEST_CASE(10, a0, 0x13fc, mv s0, sp; li sp, 0x1000; c.addi4spn a0, sp, 1020; mv sp, s0)
  TEST_CASE(11, a0, 0x0fffffffffffffff, li a0, -1; c.srli a0, 4)
  TEST_CASE(12, a0, 0x1, li a0, 0x8000000000000000; c.srli a0, 63)
  TEST_CASE(13, a0, 0xf800000000000000, li a0, 0x8000000000000000; c.srai a0, 4)
  TEST_CASE(14, a0, 0xffffffffffffffff, li a0, 0x8000000000000000; c.srai a0, 63)
  TEST_CASE(15, a0, 0x0000000000000010, li a0, 0x30; c.andi a0, -16; c.andi a0, 0x1f)
  TEST_CASE(16, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
  TEST_CASE(17, a0, 0x7ffffffffffffffe, li a0, -1; li a1, 0x8000000000000001; c.sub a0, a1)
  TEST_CASE(18, a0, 0xff00, li a0, 0xf0f0; li a1, 0x0ff0; c.xor a0, a1; li a1, 0xf000; c.or a0, a1; li a1, 0xff00; c.and a0, a1)
  TEST_CASE(19, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, 1; c.addw a0, a1)
  TEST_CASE(20, a0, 0x7fffffff, li a0, 0x80000000; li a1, 1; c.subw a0, a1)
  TEST_CASE(21, a0, 0x1234, li a5, 0x1234; c.mv a0, a5)
  TEST_CASE(22, a0, 0x1235, li a0, 1; li a5, 0x1234; c.add a0, a5)
  TEST_CASE(23, a0, 0x11, li a0, 0x11; c.nop)
  # loads/stores with the compressed register set (x8..x15) and sp-relative
  TEST_CASE(24, a0, 0xffffffff87654321, la a1, cdata; li a2, 0x87654321; c.sw a2, 4(a1); c.lw a0, 4(a1))
  TEST_CASE(25, a0, 0x0123456789abcdef, la a1, cdata; li a2, 0x0123456789abcdef; c.sd a2, 248(a1); c.ld a0, 248(a1))
  TEST_CASE(26, a0, 0xffffffff80000001, mv s0, sp; la sp, cdata; li a2, 0x80000001; c.swsp a2, 252(sp); c.lwsp a0, 252(sp); mv sp, s0)
  TEST_CASE(27, a0, 0xfedcba9876543210, mv s0, sp; la sp, cdata; li a2, 0xfedcba9876543210; c.sdsp a2, 504(sp); c.ldsp a0, 504(sp); mv sp, s0)
  TEST_CASE(28, a0, 0x3ff8000000000000, la a1, cdata; li a2, 0x3ff8000000000000; sd a2, 16(a1); c.fld fa0, 16(a1); c.fsd fa0, 24(a1); ld a0, 24(a1))
  TEST_CASE(29, a0, 0x4000000000000000, mv s0, sp; la sp, cdata; li a2, 0x4000000000000000; sd a2, 496(sp); c.fldsp fa1, 496(sp); c.fsdsp fa1, 488(sp); ld a0, 488(sp); mv sp, s0)
  # control flow
  TEST_CASE(30, a0, 3, li a0, 0; c.j 1f; li a0, 9; 1: addi a0, a0, 3)
  TEST_CASE(31, a0, 0, li a1, 0; li a0, 1; c.beqz a1, 1f; li a0, 9; j test_fail; 1: c.bnez a0, 2f; j test_fail; 2: li a0, 0; c.bnez a0, test_fail; li a1, 1; c.beqz a1, test_fail)
  TEST_CASE(32, a0, 0, la t0, 1f; c.jr t0; j test_fail; 1: li a0, 0)
  TEST_CASE(33, a0, 0, la t0, 1f; c.jalr t0; 2: j test_fail; 1: la a1, 2b; sub a0, ra, a1)
  # c.jalr writes pc+2 into ra
  TEST_CASE(34, a0, 2, la t0, 1f; 3: c.jalr t0; j test_fail; 1: la a1, 3b; sub a0, ra, a1)
  # a 32-bit instruction at a 2-byte aligned address
  TEST_CASE(35, a0, 5, c.nop; li a0, 4; addi a0, a0, 1)
  # c.ebreak raises a breakpoint with mepc at the c.ebreak; the all-zero halfword is illegal
  EXPECT_TRAP(CAUSE_BREAKPOINT, 1f)
2: c.ebreak
  j test_fail
1: CHECK_TRAP_EPC(36, CAUSE_BREAKPOINT, 2b, 3)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
2: .2byte 0
  j test_fail
1: CHECK_TRAP(37, CAUSE_ILLEGAL, 0)
  # c.addi4spn with imm 0 is reserved (illegal), and so is c.lui with imm 0
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
2: .2byte 0x0004   # c.addi4spn x9? nzuimm=0 with rd'!=0 -> reserved
  j test_fail
1: CHECK_TRAP(38, CAUSE_ILLEGAL, 0x0004)
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
2: .2byte 0x6501   # c.lui a0, 0 -> reserved
  j test_fail
1: CHECK_TRAP(39, CAUSE_ILLEGAL, 0x6501)
  .option pop
TEST_END
  .data
  .align 4
cdata: .skip 512
