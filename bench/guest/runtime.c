#include "bench.h"

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

/* Each workload runs BENCH_REPEAT times (set by the Makefile) so the timed region lasts about a
 * second on qemu-system-riscv64: long enough that a JIT's warm-up is a small part of it, as it is
 * for real CPU-bound programs. Every run starts from the same seed; the checksums are combined. */
#ifndef BENCH_REPEAT
#define BENCH_REPEAT 1
#endif

/* ticks: guest-visible time of the timed region (mtime, 10 MHz).
 * instret: retired instructions of the region. Exact on nexus; QEMU without -icount derives it
 * from host ticks, so the bench runner takes the instruction count from nexus for both.
 * runs, first, best: the number of runs and the ticks of the first and of the fastest one (every
 * run does the same work), so warm-up and steady state can be told apart. */
int main(void) {
    uint64_t i0 = instret();
    uint64_t t0 = console_time();
    uint64_t sum = 0, first = 0, best = ~0ull;
    for (int r = 0; r < BENCH_REPEAT; r++) {
        uint64_t a = console_time();
        sum = sum * 31 + workload_run();
        uint64_t d = console_time() - a;
        if (r == 0) first = d;
        if (d < best) best = d;
    }
    uint64_t t1 = console_time();
    uint64_t i1 = instret();
    console_puts("BENCH ");
    console_puts(workload_name);
    console_puts(" checksum=");
    console_put_hex(sum);
    console_puts(" ticks=");
    console_put_dec(t1 - t0);
    console_puts(" instret=");
    console_put_dec(i1 - i0);
    console_puts(" runs=");
    console_put_dec(BENCH_REPEAT);
    console_puts(" first=");
    console_put_dec(first);
    console_puts(" best=");
    console_put_dec(best);
    console_puts("\n");
    return 0;
}
