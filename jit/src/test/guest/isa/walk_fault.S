# A page-table walk that reads a PTE from a physical address with no memory raises an access fault
# of the access type (priv spec 4.3.2 step 2), not a page fault. nexus-only: QEMU 7.2 raises a page
# fault here.
#include "test.h"
TEST_BEGIN("walk_fault")
  .option norvc
  la t1, pt_root
  li t0, ((0x80000000 >> 12) << 10) | 0xcf; sd t0, 16(t1)
  li t0, 0xc7; sd t0, 0(t1)
  li t0, ((0x1000000000 >> 12) << 10) | PTE_V; sd t0, 8(t1)   # VA 0x40000000.. -> table at PA 64 GiB (nothing)
  la t0, pt_root; srli t0, t0, 12; li t1, SATP_SV39; or t0, t0, t1; csrw satp, t0
  sfence.vma
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_LOAD_ACCESS, 1f)
  li a1, 0x40000010; ld a0, 0(a1)
  j test_fail
1: CHECK_TRAP(1, CAUSE_LOAD_ACCESS, 0x40000010)
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_STORE_ACCESS, 1f)
  li a1, 0x40000018; sd a0, 0(a1)
  j test_fail
1: CHECK_TRAP(2, CAUSE_STORE_ACCESS, 0x40000018)
  GOTO_S(2f)
2: EXPECT_TRAP(CAUSE_FETCH_ACCESS, 1f)
  li a1, 0x40000020; jr a1
  j test_fail
1: CHECK_TRAP(3, CAUSE_FETCH_ACCESS, 0x40000020)
  csrw satp, zero
  sfence.vma
TEST_END
  .data
  .align 12
pt_root: .skip 4096
