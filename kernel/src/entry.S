/* Boot entry. OpenSBI enters in S-mode at 0x80200000 with a0 = hartid,
 * a1 = DTB physical address, satp = 0, interrupts off. */
    .section .text.entry
    .globl _start
_start:
    /* Hart lottery: some firmware lets every hart in here at once. The first
       one boots; the others park until kmain releases them via spin_table
       (used when SBI HSM reports them as already started). */
    la t0, boot_lottery
    li t1, 1
    amoswap.w t1, t1, (t0)
    bnez t1, park
    la sp, boot_stack_top
    la tp, cpus                 /* the boot hart is logical cpu 0 */
    csrw sscratch, zero
    /* clear .bss (the boot stack lives in .stack, outside it) */
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  call kmain
3:  wfi
    j 3b

park:
    li t0, 8
    bgeu a0, t0, 6f
    la t0, spin_table
    slli t1, a0, 3
    add t0, t0, t1
5:  ld a1, 0(t0)
    beqz a1, 5b
    fence
    j secondary_entry
6:  wfi
    j 6b

/* Secondary harts, started by SBI HSM hart_start: a0 = hartid, a1 = opaque = struct cpu *. */
    .globl secondary_entry
secondary_entry:
    mv tp, a1
    ld sp, 0(a1)                /* cpu->stack_top */
    csrw sscratch, zero
    call secondary_main
4:  wfi
    j 4b

    .section .data
    .balign 8
boot_lottery:
    .word 0
    .word 0
    .globl spin_table
spin_table:
    .dword 0, 0, 0, 0, 0, 0, 0, 0

    .section .stack, "aw", @nobits
    .balign 16
boot_stack:
    .space 16384
    .globl boot_stack_top
boot_stack_top:
