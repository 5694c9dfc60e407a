/* Runtime for the virtio-blk guests: UART0 (ns16550a at 0x10000000), sifive test finisher, time CSR. */
#ifndef IO_H
#define IO_H
#include <stddef.h>
#include <stdint.h>

void io_puts(const char *s);
void io_put_dec(uint64_t v);
void io_put_hex(uint64_t v);
/* mtime via the time CSR: 10 MHz on QEMU virt and nexus. */
uint64_t io_time(void);
/* Powers off through the test finisher at 0x100000: 0x5555 pass, (code << 16) | 0x3333 fail. */
__attribute__((noreturn)) void io_exit(int code);
/* Prints "FAIL <msg> <value>" and exits with code. */
__attribute__((noreturn)) void io_fail(const char *msg, uint64_t value, int code);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
/* The region after the stack (see link.ld), 4 KiB aligned. */
extern uint8_t __heap_start[];
#endif
