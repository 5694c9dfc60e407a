# Accesses that straddle a page boundary whose second page is unmapped (Sv39): the fault's epc is
# the instruction / tval the address of the portion that faulted (priv spec 4.1.9, stval).
#include "test.h"
#define VA0 0x40000000
#define VA1 0x40001000
TEST_BEGIN("cross_page")
  .option norvc
  # VA0 -> code_page (RWX), VA1 -> invalid; gigapages for MMIO and this program
  la t1, pt_root
  li t0, ((0x80000000 >> 12) << 10) | 0xcf; sd t0, 16(t1)
  li t0, 0xc7; sd t0, 0(t1)
  la t0, pt_l1; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, 1; sd t0, 8(t1)
  la t0, pt_l0; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, 1; la t1, pt_l1; sd t0, 0(t1)
  la t0, code_page; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, 0xcf; la t1, pt_l0; sd t0, 0(t1)
  # a 32-bit instruction (addi a0, a0, 1 = 0x00150513) whose second half lies on VA1
  la t1, code_page + 0x800; li t0, 0x0513; sh t0, 0x7fe(t1)
  fence.i
  la t0, pt_root; srli t0, t0, 12; li t1, SATP_SV39; or t0, t0, t1; csrw satp, t0
  sfence.vma
  li t0, (1 << CAUSE_FETCH_PAGE) | (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE); csrw medeleg, t0
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_FETCH_PAGE, 1f)
  li a1, VA0 + 0xffe; jr a1
  j test_fail
1: CHECK_TRAP(1, CAUSE_FETCH_PAGE, VA1)
  la t1, trap_epc; ld a0, 0(t1)
  CHECK(2, a0, VA0 + 0xffe)
  # a misaligned load crossing into the unmapped page
  EXPECT_TRAP(CAUSE_LOAD_PAGE, 1f)
  li a1, VA0 + 0xffc; ld a0, 0(a1)
  j test_fail
1: la t1, trap_tval; ld a0, 0(t1)
  CHECK(3, a0, VA1)
  EXPECT_TRAP(CAUSE_STORE_PAGE, 1f)
  li a1, VA0 + 0xffa; sd a0, 0(a1)
  j test_fail
1: la t1, trap_tval; ld a0, 0(t1)
  CHECK(4, a0, VA1)
  ECALL_TO_M(CAUSE_ECALL_S, 3f)
3: csrw satp, zero
  sfence.vma
TEST_END
  .data
  .align 12
code_page: .skip 4096
pt_root: .skip 4096
pt_l1: .skip 4096
pt_l0: .skip 4096
