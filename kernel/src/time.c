/* Monotonic time from the `time` CSR; the tick rate is the DTB's timebase-frequency. */
#include "k/kernel.h"

uint64_t timebase_hz = 10000000;

uint64_t ticks_to_ns(uint64_t t) {
    return (t / timebase_hz) * 1000000000ull + (t % timebase_hz) * 1000000000ull / timebase_hz;
}

uint64_t ns_to_ticks(uint64_t ns) {
    return (ns / 1000000000ull) * timebase_hz + (ns % 1000000000ull) * timebase_hz / 1000000000ull;
}
