# Counters (priv spec 3.1.11, 4.1.5): cycle/time/instret readable in M; mcounteren gates S and U,
# scounteren gates U; time follows the CLINT mtime.
#include "test.h"
TEST_BEGIN("counters")
  .option norvc
  # time CSR tracks mtime (monotonic, same clock)
  li t1, CLINT_MTIME; ld a1, 0(t1); csrr a2, time; ld a3, 0(t1)
  li TESTNUM, 1; bltu a2, a1, test_fail; bltu a3, a2, test_fail
  # cycle and instret advance
  csrr a1, cycle; csrr a4, instret; nop; nop; csrr a2, cycle; csrr a5, instret
  li TESTNUM, 2; bgeu a1, a2, test_fail
  li TESTNUM, 3; bgeu a4, a5, test_fail
  # mcounteren = 0: S-mode reads are illegal (mtval = instruction bits)
  csrw mcounteren, zero; csrw scounteren, zero
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, cycle                     # 0xc0002573
  j test_fail
1: CHECK_TRAP(4, CAUSE_ILLEGAL, 0xc0002573)
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, time                      # 0xc0102573
  j test_fail
1: CHECK_TRAP(5, CAUSE_ILLEGAL, 0xc0102573)
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, instret                   # 0xc0202573
  j test_fail
1: CHECK_TRAP(6, CAUSE_ILLEGAL, 0xc0202573)
  # mcounteren.CY only: cycle allowed in S, instret still illegal
  csrwi mcounteren, 1
  GOTO_S(2f)
2: csrr a0, cycle
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, instret
  j test_fail
1: CHECK_TRAP(7, CAUSE_ILLEGAL, 0xc0202573)
  # U-mode needs both mcounteren and scounteren
  csrwi mcounteren, 7
  GOTO_U(2f)
2: EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, time
  j test_fail
1: CHECK_TRAP(8, CAUSE_ILLEGAL, 0xc0102573)
  csrwi scounteren, 2
  GOTO_U(2f)
2: csrr a0, time
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  csrr a0, cycle
  j test_fail
1: CHECK_TRAP(9, CAUSE_ILLEGAL, 0xc0002573)
  csrwi scounteren, 7
  GOTO_U(2f)
2: csrr a0, cycle; csrr a0, time; csrr a0, instret
  ECALL_TO_M(CAUSE_ECALL_U, 1f)
1: CHECK_TRAP(10, CAUSE_ECALL_U, 0)
TEST_END
