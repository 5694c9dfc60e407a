# Misaligned loads and stores are performed without a trap (as QEMU 7.2 does), including accesses
# that cross a page boundary under Sv39 where the two virtual pages map to swapped physical pages.
#include "test.h"
TEST_BEGIN("misaligned")
  .option norvc
  la s0, mdata
  li t0, 0x0706050403020100; sd t0, 0(s0)
  li t0, 0x0f0e0d0c0b0a0908; sd t0, 8(s0)
  TEST_CASE(1, a0, 0x0201, lhu a0, 1(s0))
  TEST_CASE(2, a0, 0x04030201, lwu a0, 1(s0))
  TEST_CASE(3, a0, 0xffffffff8f0e0d0c, li t0, 0x8f; sb t0, 15(s0); lw a0, 12(s0))
  TEST_CASE(4, a0, 0x0a09080706050403, ld a0, 3(s0))
  TEST_CASE(5, a0, 0x0a09080706050403, ld a0, 3(s0))
  TEST_CASE(6, a0, 0x0807, lh a0, 7(s0))
  TEST_CASE(7, a0, 0x8f0e0d1122334455, li t0, 0x1122334455667788; sd t0, 5(s0); ld a0, 8(s0))
  TEST_CASE(8, a0, 0x1122334455667788, ld a0, 5(s0))
  TEST_CASE(9, a0, 0xbeef, li t0, 0xbeef; sh t0, 11(s0); lhu a0, 11(s0))
  TEST_CASE(10, a0, 0xcafebabe, li t0, 0xcafebabe; sw t0, 13(s0); lwu a0, 13(s0))
  # FP loads/stores too
  TEST_CASE(11, a0, 0xcafebabe, flw fa0, 13(s0); fsw fa0, 17(s0); lwu a0, 17(s0))
  TEST_CASE(12, a0, 0x1234567890abcdef, li t0, 0x1234567890abcdef; sd t0, 21(s0); fld fa0, 21(s0); fsd fa0, 33(s0); ld a0, 33(s0))
  # physical page crossing
  la s1, page_a; la s2, page_b; la s3, pt_root
  li t0, 0x4444444433333333; sd t0, -8(s2)        # end of page_a
  li t0, 0x6666666655555555; sd t0, 0(s2)         # start of page_b
  TEST_CASE(13, a0, 0x5555555544444444, ld a0, -4(s2))
  # Sv39: VA 0x40000000 -> page_b, VA 0x40001000 -> page_a; a load crossing the virtual boundary
  # takes its low half from the end of page_b and its high half from the start of page_a
  li t0, 0x8888888877777777; sd t0, -8(s3)        # end of page_b
  li t0, 0xaaaaaaaa99999999; sd t0, 0(s1)         # start of page_a
  la t0, page_b; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, 0xcf; la t1, pt_l0; sd t0, 0(t1)
  la t0, page_a; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, 0xcf; sd t0, 8(t1)
  la t0, pt_l0; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, 1; la t1, pt_l1; sd t0, 0(t1)
  la t0, pt_l1; srli t0, t0, 12; slli t0, t0, 10; ori t0, t0, 1; la t1, pt_root; sd t0, 8(t1)
  li t0, ((0x80000000 >> 12) << 10) | 0xcf; sd t0, 16(t1)
  li t0, 0xcf; sd t0, 0(t1)
  la t0, pt_root; srli t0, t0, 12; li t1, SATP_SV39; or t0, t0, t1; csrw satp, t0
  sfence.vma
  GOTO_S(2f)
2: TEST_CASE(14, a0, 0x9999999988888888, li a1, 0x40000ffc; ld a0, 0(a1))
  TEST_CASE(15, a0, 0xbbbbcccc, li a1, 0x40000ffe; li t0, 0xbbbbcccc; sw t0, 0(a1); lwu a0, 0(a1))
  ECALL_TO_M(CAUSE_ECALL_S, 1f)
1: csrw satp, zero
  sfence.vma
  TEST_CASE(16, a0, 0xcccc, la s3, pt_root; lhu a0, -2(s3))
  TEST_CASE(17, a0, 0xbbbb, la s1, page_a; lhu a0, 0(s1))
TEST_END
  .data
  .align 4
mdata: .skip 64
  .align 12
page_a: .skip 4096
page_b: .skip 4096
pt_root: .skip 4096
pt_l1: .skip 4096
pt_l0: .skip 4096
