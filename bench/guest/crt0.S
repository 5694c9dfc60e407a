# Entry for the bench workloads: hart 0 runs, others park. FP enabled (mstatus.FS = Initial).
    .section .text.start
    .globl _start
_start:
    csrr    t0, mhartid
    bnez    t0, park
    la      sp, __stack_top
    li      t0, 0x2000          # mstatus.FS = 01 (Initial)
    csrs    mstatus, t0
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    main
    call    console_exit
park:
    wfi
    j       park
