/* Console and power for bare-metal guests on the virt board (nexus and qemu-system-riscv64):
 * UART0 ns16550a at 0x10000000, sifive test finisher at 0x100000, the time CSR (10 MHz).
 * Shared by bench/guest (CPU workloads) and bench/guest-io (virtio-blk guests). */
#ifndef CONSOLE_H
#define CONSOLE_H
#include <stdint.h>

void console_puts(const char *s);
void console_put_hex(uint64_t v);
void console_put_dec(uint64_t v);
/* mtime via the time CSR. */
uint64_t console_time(void);
/* Powers off through the test finisher: 0x5555 pass, (code << 16) | 0x3333 fail. */
__attribute__((noreturn)) void console_exit(int code);
#endif
