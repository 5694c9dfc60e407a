/* User entry: a0 = spawn argument, a1 = slot of the capability passed by the parent (or -1). */
    .section .text.start
    .globl _start
_start:
    call main
    li a7, 3        /* SYS_EXIT */
    ecall
1:  j 1b
