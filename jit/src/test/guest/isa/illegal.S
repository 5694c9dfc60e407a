# Illegal instructions (priv spec 3.1.16): mtval holds the faulting instruction bits (16 bits for
# a compressed encoding), mepc the instruction.
#include "test.h"
#define ILLEGAL(n, bits, emit)                                       \
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f);                                    \
2: emit;                                                             \
  j test_fail;                                                       \
1: CHECK_TRAP(n, CAUSE_ILLEGAL, bits);                               \
  CHECK_TRAP_EPC(n, CAUSE_ILLEGAL, 2b, 3)
TEST_BEGIN("illegal")
  .option norvc
  ILLEGAL(1, 0x0, .2byte 0)                      # all-zero halfword
  ILLEGAL(2, 0xffffffff, .word 0xffffffff)
  ILLEGAL(3, 0x0000007b, .word 0x0000007b)       # custom-3 opcode
  ILLEGAL(4, 0x04000033, .word 0x04000033)       # OP with funct7=0000010
  ILLEGAL(5, 0x0200159b, .word 0x0200159b)       # slliw with shamt[5]=1
  ILLEGAL(6, 0x4002, .2byte 0x4002)              # c.lwsp x0 (reserved)
  ILLEGAL(7, 0x0000505b, .word 0x0000505b)       # custom-2 opcode
  ILLEGAL(8, 0x0000703b, .word 0x0000703b)       # OP-32 funct3=7 funct7=0
  ILLEGAL(9, 0x00007003, .word 0x00007003)       # LOAD funct3=7 (reserved in RV64)
  ILLEGAL(10, 0x00003023 | (4 << 12), .word 0x00007023)  # STORE funct3=7
TEST_END
