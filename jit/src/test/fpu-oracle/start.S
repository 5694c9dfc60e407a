# Entry for the QEMU FPU oracle guest: M-mode, -bios none, loaded at 0x80000000.
    .section .text.init
    .globl _start
_start:
    la sp, stack_top
    li t0, 0x6000          # mstatus.FS = Dirty: enable the FPU
    csrs mstatus, t0
    call main
1:  j 1b

    .bss
    .align 12
    .space 16384
stack_top:
