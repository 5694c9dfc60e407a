# RV64I: every base instruction, with edge cases (sign extension, shifts by 63/31, overflow wrap).
#include "test.h"
TEST_BEGIN("rv64i")
  # --- register-register
  TEST_CASE(1, a0, 0x0000000000000000, li a1, 0x7fffffffffffffff; li a2, 0x8000000000000001; add a0, a1, a2)
  TEST_CASE(2, a0, 0x8000000000000000, li a1, 0x7fffffffffffffff; li a2, 1; add a0, a1, a2)
  TEST_CASE(3, a0, 0x7fffffffffffffff, li a1, 0x8000000000000000; li a2, 1; sub a0, a1, a2)
  TEST_CASE(4, a0, 0x8000000000000000, li a1, 1; li a2, 63; sll a0, a1, a2)
  TEST_CASE(5, a0, 0x0000000000000002, li a1, 1; li a2, 65; sll a0, a1, a2)   # shamt uses low 6 bits
  TEST_CASE(6, a0, 0x0000000000000001, li a1, 0x8000000000000000; li a2, 63; srl a0, a1, a2)
  TEST_CASE(7, a0, -1,                 li a1, 0x8000000000000000; li a2, 63; sra a0, a1, a2)
  TEST_CASE(8, a0, 1, li a1, -1; li a2, 0; slt a0, a1, a2)
  TEST_CASE(9, a0, 0, li a1, -1; li a2, 0; sltu a0, a1, a2)
  TEST_CASE(10, a0, 0x0f0f0f0f0f0f0f0f, li a1, 0xff00ff00ff00ff00; li a2, 0xf0fff0fff0fff0f; xor a0, a1, a2; li a3, 0xffffffffffffffff; xor a0, a0, a3; xor a0, a0, a3; li a3, 0xf0f0f0f0f0f0f0f0; xor a0, a1, a2; xor a0, a0, a1; xor a0, a0, a2; li a4, 0x0f0f0f0f0f0f0f0f; or a0, a0, a4)
  TEST_CASE(11, a0, 0xff0ff0fff0fff0ff, li a1, 0xff00f00ff000f0ff; li a2, 0x000ff0f0f0ff0000; or a0, a1, a2)
  TEST_CASE(12, a0, 0x0000f000f0000000, li a1, 0xff00f00ff000f0ff; li a2, 0x000ff0f0f0ff0000; and a0, a1, a2)
  # --- immediates
  TEST_CASE(13, a0, 0xfffffffffffff800, li a1, 0; addi a0, a1, -2048)
  TEST_CASE(14, a0, 0x80000000000007ff, li a1, 0x8000000000000000; addi a0, a1, 2047)
  TEST_CASE(15, a0, 1, li a1, -5; slti a0, a1, -4)
  TEST_CASE(16, a0, 1, li a1, 5; sltiu a0, a1, -1)      # imm sign-extended then unsigned
  TEST_CASE(17, a0, 0, li a1, -1; sltiu a0, a1, -1)
  TEST_CASE(18, a0, 0xffffffffffffff0f, li a1, 0xf0; xori a0, a1, -1)
  TEST_CASE(19, a0, 0xfffffffffffff800, li a1, 0; ori a0, a1, -2048)
  TEST_CASE(20, a0, 0x00000000000007f0, li a1, 0x7ff0; andi a0, a1, 0x7ff)
  TEST_CASE(21, a0, 0x8000000000000000, li a1, 1; slli a0, a1, 63)
  TEST_CASE(22, a0, 0x0000000000000001, li a1, -1; srli a0, a1, 63)
  TEST_CASE(23, a0, 0xffffffffffffffff, li a1, 0x8000000000000000; srai a0, a1, 63)
  # --- 32-bit word ops (results sign-extended from bit 31)
  TEST_CASE(24, a0, 0xffffffff80000000, li a1, 0x7fffffff; li a2, 1; addw a0, a1, a2)
  TEST_CASE(25, a0, 0x000000007fffffff, li a1, 0x80000000; li a2, 1; subw a0, a1, a2)
  TEST_CASE(26, a0, 0xffffffff80000000, li a1, 1; li a2, 31; sllw a0, a1, a2)
  TEST_CASE(27, a0, 0x0000000000000002, li a1, 1; li a2, 33; sllw a0, a1, a2)    # low 5 bits
  TEST_CASE(28, a0, 0x0000000000000001, li a1, 0xffffffff80000000; li a2, 31; srlw a0, a1, a2)
  TEST_CASE(29, a0, 0xffffffffffffffff, li a1, 0x0000000080000000; li a2, 31; sraw a0, a1, a2)
  TEST_CASE(30, a0, 0x000000007fffffff, li a1, 0xffffffff7fffffff; li a2, 0; srlw a0, a1, a2)
  TEST_CASE(31, a0, 0xffffffff80000000, li a1, 0x7fffffff; addiw a0, a1, 1)
  TEST_CASE(32, a0, 0xffffffff80000000, li a1, 1; slliw a0, a1, 31)
  TEST_CASE(33, a0, 0x0000000000000001, li a1, 0x80000000; srliw a0, a1, 31)
  TEST_CASE(34, a0, 0xffffffffffffffff, li a1, 0x80000000; sraiw a0, a1, 31)
  TEST_CASE(35, a0, 0x0000000012345678, li a1, 0xabcdef0012345678; addiw a0, a1, 0)  # sext.w
  TEST_CASE(36, a0, 0xffffffff80000000, lui a0, 0x80000)
  TEST_CASE(37, a0, 0x000000007ffff000, lui a0, 0x7ffff)
  # --- auipc / jal / jalr
  TEST_CASE(38, a0, 0, 1: auipc a0, 0; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(39, a0, 0x1000, 1: auipc a0, 1; la a1, 1b; sub a0, a0, a1)
  TEST_CASE(40, a0, 0, jal a0, 1f; 2: j test_fail; 1: la a1, 2b; sub a0, a0, a1)
  TEST_CASE(41, a0, 0, la a1, 1f+1; jalr a0, 0(a1); 2: j test_fail; .align 2; 1: la a1, 2b; sub a0, a0, a1)  # jalr clears bit 0
  TEST_CASE(42, a0, 7, la a1, 1f - 8; li a0, 7; jalr zero, 8(a1); li a0, 0; 1: nop)
  # --- branches: taken and not taken, signed vs unsigned
  TEST_CASE(43, a0, 0x3f, li a0, 0; li a1, -1; li a2, 1; \
      beq a1, a1, 1f; j test_fail; 1: ori a0, a0, 1; \
      bne a1, a2, 1f; j test_fail; 1: ori a0, a0, 2; \
      blt a1, a2, 1f; j test_fail; 1: ori a0, a0, 4; \
      bge a2, a1, 1f; j test_fail; 1: ori a0, a0, 8; \
      bltu a2, a1, 1f; j test_fail; 1: ori a0, a0, 16; \
      bgeu a1, a2, 1f; j test_fail; 1: ori a0, a0, 32; \
      beq a1, a2, test_fail; bne a1, a1, test_fail; blt a2, a1, test_fail; \
      bge a1, a2, test_fail; bltu a1, a2, test_fail; bgeu a2, a1, test_fail; bge a1, a1, 1f; j test_fail; 1: )
  # --- loads and stores: sign/zero extension
  TEST_CASE(44, a0, 0xffffffffffffff80, la a1, tdata; lb a0, 0(a1))
  TEST_CASE(45, a0, 0x0000000000000080, la a1, tdata; lbu a0, 0(a1))
  TEST_CASE(46, a0, 0xffffffffffff8180, la a1, tdata; lh a0, 0(a1))
  TEST_CASE(47, a0, 0x0000000000008180, la a1, tdata; lhu a0, 0(a1))
  TEST_CASE(48, a0, 0xffffffff83828180, la a1, tdata; lw a0, 0(a1))
  TEST_CASE(49, a0, 0x0000000083828180, la a1, tdata; lwu a0, 0(a1))
  TEST_CASE(50, a0, 0x8786858483828180, la a1, tdata; ld a0, 0(a1))
  TEST_CASE(51, a0, 0x8786858483828180, la a1, tdata+8; ld a0, -8(a1))
  TEST_CASE(52, a0, 0x87868584838281aa, la a1, tdata; li a2, 0x12345678aa; sb a2, 0(a1); ld a0, 0(a1))
  TEST_CASE(53, a0, 0x878685848382bbcc, la a1, tdata; li a2, 0xbbcc; sh a2, 0(a1); ld a0, 0(a1))
  TEST_CASE(54, a0, 0x87868584deadbeef, la a1, tdata; li a2, 0x11deadbeef; sw a2, 0(a1); ld a0, 0(a1))
  TEST_CASE(55, a0, 0x0123456789abcdef, la a1, tdata; li a2, 0x0123456789abcdef; sd a2, 8(a1); ld a0, 8(a1))
  # --- x0 is hard-wired
  TEST_CASE(56, a0, 0, li a0, 5; addi zero, zero, 5; add a0, zero, zero; lui zero, 5; or a0, a0, zero)
  # --- fence / fence.i are no-ops for a single hart
  TEST_CASE(57, a0, 9, li a0, 9; fence; fence rw, rw; fence.i)
TEST_END
  .data
  .align 3
tdata: .byte 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
       .dword 0
