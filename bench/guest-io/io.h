/* Runtime for the virtio-blk guests: UART0 (ns16550a at 0x10000000), sifive test finisher, time CSR. */
#ifndef IO_H
#define IO_H
#include <stddef.h>
#include <stdint.h>

#include "console.h"   /* bench/guest/console.h: UART, time CSR, power-off */
/* Prints "FAIL <msg> <value>" and exits with code. */
__attribute__((noreturn)) void io_fail(const char *msg, uint64_t value, int code);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
/* The region after the stack (see link.ld), 4 KiB aligned. */
extern uint8_t __heap_start[];
#endif
