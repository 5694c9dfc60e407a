/* Runtime for the bench workloads: UART output, timing with the time CSR, power-off. */
#ifndef BENCH_H
#define BENCH_H
#include <stdint.h>
#include <stddef.h>

#include "console.h"

/* Each workload defines these; main() times run() and prints the result line. */
extern const char *const workload_name;
uint64_t workload_run(void);         /* returns a checksum both emulators must agree on */

/* Deterministic pseudo-random numbers (xorshift64*). */
static inline uint64_t bench_rand(uint64_t *s) {
    uint64_t x = *s;
    x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

void *bench_memset(void *d, int c, size_t n);
#endif
