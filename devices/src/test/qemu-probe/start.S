.section .text.init
.globl _start
_start:
  la sp, stack_top
  call main
1: j 1b
.bss
.space 4096
stack_top:
