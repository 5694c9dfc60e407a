# Zicond (nexus-only: QEMU 7.2 does not implement Zicond). binutils 2.40 lacks the mnemonics:
# czero.eqz = OP funct3 101 funct7 0000111, czero.nez = funct3 111 (Zicond 1.0).
#include "test.h"
#define CZERO_EQZ(rd, rs1, rs2) .insn r 0x33, 5, 7, rd, rs1, rs2
#define CZERO_NEZ(rd, rs1, rs2) .insn r 0x33, 7, 7, rd, rs1, rs2
TEST_BEGIN("zicond")
  TEST_CASE(1, a0, 0, li a1, 0x1234; li a2, 0; CZERO_EQZ(a0, a1, a2))
  TEST_CASE(2, a0, 0x1234, li a1, 0x1234; li a2, 0x8000000000000000; CZERO_EQZ(a0, a1, a2))
  TEST_CASE(3, a0, 0x1234, li a1, 0x1234; li a2, 0; CZERO_NEZ(a0, a1, a2))
  TEST_CASE(4, a0, 0, li a1, 0x1234; li a2, 1; CZERO_NEZ(a0, a1, a2))
  TEST_CASE(5, a0, 0, li a1, -1; CZERO_EQZ(a0, a1, zero))
  TEST_CASE(6, a0, -1, li a1, -1; CZERO_NEZ(a0, a1, zero))
  # conditional select idiom: a0 = a3 ? a1 : a2
  TEST_CASE(7, a0, 11, li a1, 11; li a2, 22; li a3, 5; CZERO_EQZ(a4, a1, a3); CZERO_NEZ(a5, a2, a3); or a0, a4, a5)
  TEST_CASE(8, a0, 22, li a1, 11; li a2, 22; li a3, 0; CZERO_EQZ(a4, a1, a3); CZERO_NEZ(a5, a2, a3); or a0, a4, a5)
TEST_END
