/*
 * Trap entry and exit. sscratch is 0 while the hart runs kernel code and
 * holds the current task's kernel-stack top while it runs user code, so one
 * vector tells the two apart (as in Linux). Kernel stack top layout:
 *     [top - 16]            struct cpu * of the hart that last entered user mode (reloads tp)
 *     [top - 16 - TF_SIZE]  struct trapframe
 */
#define TF_SIZE 288
#define REG(n) ((n) * 8)

.macro SAVE_GPRS
    sd x1, REG(1)(sp)
    sd x3, REG(3)(sp)
    sd x4, REG(4)(sp)
    sd x5, REG(5)(sp)
    sd x6, REG(6)(sp)
    sd x7, REG(7)(sp)
    sd x8, REG(8)(sp)
    sd x9, REG(9)(sp)
    sd x10, REG(10)(sp)
    sd x11, REG(11)(sp)
    sd x12, REG(12)(sp)
    sd x13, REG(13)(sp)
    sd x14, REG(14)(sp)
    sd x15, REG(15)(sp)
    sd x16, REG(16)(sp)
    sd x17, REG(17)(sp)
    sd x18, REG(18)(sp)
    sd x19, REG(19)(sp)
    sd x20, REG(20)(sp)
    sd x21, REG(21)(sp)
    sd x22, REG(22)(sp)
    sd x23, REG(23)(sp)
    sd x24, REG(24)(sp)
    sd x25, REG(25)(sp)
    sd x26, REG(26)(sp)
    sd x27, REG(27)(sp)
    sd x28, REG(28)(sp)
    sd x29, REG(29)(sp)
    sd x30, REG(30)(sp)
    sd x31, REG(31)(sp)
.endm

.macro SAVE_CSRS
    csrr t0, sepc
    sd t0, REG(32)(sp)
    csrr t0, sstatus
    sd t0, REG(33)(sp)
    csrr t0, stval
    sd t0, REG(34)(sp)
    csrr t0, scause
    sd t0, REG(35)(sp)
.endm

/* restores x1, x3..x31 except the base register \b */
.macro LOAD_GPRS b
    ld x1, REG(1)(\b)
    ld x3, REG(3)(\b)
    ld x4, REG(4)(\b)
    ld x5, REG(5)(\b)
    ld x6, REG(6)(\b)
    ld x7, REG(7)(\b)
    ld x8, REG(8)(\b)
    ld x9, REG(9)(\b)
    ld x11, REG(11)(\b)
    ld x12, REG(12)(\b)
    ld x13, REG(13)(\b)
    ld x14, REG(14)(\b)
    ld x15, REG(15)(\b)
    ld x16, REG(16)(\b)
    ld x17, REG(17)(\b)
    ld x18, REG(18)(\b)
    ld x19, REG(19)(\b)
    ld x20, REG(20)(\b)
    ld x21, REG(21)(\b)
    ld x22, REG(22)(\b)
    ld x23, REG(23)(\b)
    ld x24, REG(24)(\b)
    ld x25, REG(25)(\b)
    ld x26, REG(26)(\b)
    ld x27, REG(27)(\b)
    ld x28, REG(28)(\b)
    ld x29, REG(29)(\b)
    ld x30, REG(30)(\b)
    ld x31, REG(31)(\b)
.endm

    .section .text
    .globl trap_vector
    .balign 4
trap_vector:
    csrrw sp, sscratch, sp
    bnez sp, from_user
    /* trap taken in S-mode: put sp back, frame on the current stack */
    csrrw sp, sscratch, sp
    addi sp, sp, -TF_SIZE
    SAVE_GPRS
    addi t0, sp, TF_SIZE
    sd t0, REG(2)(sp)
    SAVE_CSRS
    mv a0, sp
    call kerneltrap
    ld t0, REG(32)(sp)
    csrw sepc, t0
    ld t0, REG(33)(sp)
    csrw sstatus, t0
    mv a0, sp
    LOAD_GPRS a0
    ld a0, REG(10)(a0)
    addi sp, sp, TF_SIZE
    sret

from_user:
    /* sp = kernel stack top, sscratch = user sp */
    addi sp, sp, -(TF_SIZE + 16)
    SAVE_GPRS
    csrr t0, sscratch
    sd t0, REG(2)(sp)
    csrw sscratch, zero
    ld tp, TF_SIZE(sp)
    SAVE_CSRS
    mv a0, sp
    call usertrap
1:  j 1b

/* user_return(tf): sscratch, sepc and sstatus were set by the caller. */
    .globl user_return
user_return:
    LOAD_GPRS a0
    ld sp, REG(2)(a0)
    ld a0, REG(10)(a0)
    sret

/* swtch(old, new): save callee-saved registers in *old, load *new. */
    .globl swtch
swtch:
    sd ra, 0(a0)
    sd sp, 8(a0)
    sd s0, 16(a0)
    sd s1, 24(a0)
    sd s2, 32(a0)
    sd s3, 40(a0)
    sd s4, 48(a0)
    sd s5, 56(a0)
    sd s6, 64(a0)
    sd s7, 72(a0)
    sd s8, 80(a0)
    sd s9, 88(a0)
    sd s10, 96(a0)
    sd s11, 104(a0)
    ld ra, 0(a1)
    ld sp, 8(a1)
    ld s0, 16(a1)
    ld s1, 24(a1)
    ld s2, 32(a1)
    ld s3, 40(a1)
    ld s4, 48(a1)
    ld s5, 56(a1)
    ld s6, 64(a1)
    ld s7, 72(a1)
    ld s8, 80(a1)
    ld s9, 88(a1)
    ld s10, 96(a1)
    ld s11, 104(a1)
    ret
