# Priv spec 1.12, 3.1.6.3: an MRET or SRET that changes the privilege mode to a mode less privileged
# than M also sets MPRV=0. nexus-only: QEMU 7.2 leaves MPRV set (its helper_mret/helper_sret gained
# the clearing in a later release).
#include "test.h"
TEST_BEGIN("mprv")
  .option norvc
  # mret to M keeps MPRV
  li t0, MSTATUS_MPRV | MSTATUS_MPP; csrs mstatus, t0
  la t0, 1f; csrw mepc, t0; mret
1: CHECK_CSR(1, mstatus, MSTATUS_MPRV, MSTATUS_MPRV)
  # mret to U clears MPRV
  li t0, MSTATUS_MPRV; csrs mstatus, t0
  GOTO_U(2f)
2: ECALL_TO_M(CAUSE_ECALL_U, 3f)
3: la t1, trap_status; ld a0, 0(t1); li a1, MSTATUS_MPRV; and a0, a0, a1
  CHECK(2, a0, 0)
  # sret to U clears MPRV
  li t0, MSTATUS_MPRV; csrs mstatus, t0
  GOTO_S(2f)
2: csrci sstatus, MSTATUS_SIE
  li t0, MSTATUS_SPP; csrc sstatus, t0
  la t0, 1f; csrw sepc, t0; sret
1: ECALL_TO_M(CAUSE_ECALL_U, 3f)     # now U
3: la t1, trap_status; ld a0, 0(t1); li a1, MSTATUS_MPRV; and a0, a0, a1
  CHECK(4, a0, 0)
  # mret to S clears MPRV
  li t0, MSTATUS_MPRV; csrs mstatus, t0
  GOTO_S(2f)
2: ECALL_TO_M(CAUSE_ECALL_S, 3f)
3: la t1, trap_status; ld a0, 0(t1); li a1, MSTATUS_MPRV; and a0, a0, a1
  CHECK(5, a0, 0)
TEST_END
