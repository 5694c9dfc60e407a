#include "bench.h"

#define UART0 ((volatile uint8_t *)0x10000000UL)
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define FINISHER ((volatile uint32_t *)0x100000UL)

static void putc_uart(char c) {
    while ((UART0[UART_LSR] & UART_LSR_THRE) == 0) { }
    UART0[0] = (uint8_t)c;
}

void bench_puts(const char *s) { while (*s) putc_uart(*s++); }

void bench_put_hex(uint64_t v) {
    for (int i = 60; i >= 0; i -= 4) putc_uart("0123456789abcdef"[(v >> i) & 15]);
}

void bench_put_dec(uint64_t v) {
    char buf[21];
    int i = 20;
    buf[i] = 0;
    do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    bench_puts(&buf[i]);
}

uint64_t bench_time(void) {
    uint64_t t;
    __asm__ volatile("csrr %0, time" : "=r"(t));
    return t;
}

void bench_exit(int code) {
    *FINISHER = code == 0 ? 0x5555 : (uint32_t)((code << 16) | 0x3333);
    for (;;) __asm__ volatile("wfi");
}

void *bench_memset(void *d, int c, size_t n) {
    uint8_t *p = d;
    while (n--) *p++ = (uint8_t)c;
    return d;
}

/* gcc may emit calls to memset/memcpy even in freestanding code. */
void *memset(void *d, int c, size_t n) { return bench_memset(d, c, n); }
void *memcpy(void *d, const void *s, size_t n) {
    uint8_t *o = d;
    const uint8_t *i = s;
    while (n--) *o++ = *i++;
    return d;
}

static uint64_t instret(void) {
    uint64_t n;
    __asm__ volatile("csrr %0, instret" : "=r"(n));
    return n;
}

/* ticks: guest-visible time of the timed region (mtime, 10 MHz).
 * instret: retired instructions of the region. Exact on nexus; QEMU without -icount derives it
 * from host ticks, so the bench runner takes the instruction count from nexus for both. */
int main(void) {
    uint64_t i0 = instret();
    uint64_t t0 = bench_time();
    uint64_t sum = workload_run();
    uint64_t t1 = bench_time();
    uint64_t i1 = instret();
    bench_puts("BENCH ");
    bench_puts(workload_name);
    bench_puts(" checksum=");
    bench_put_hex(sum);
    bench_puts(" ticks=");
    bench_put_dec(t1 - t0);
    bench_puts(" instret=");
    bench_put_dec(i1 - i0);
    bench_puts("\n");
    return 0;
}
