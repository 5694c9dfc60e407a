/* The crash-test workload of statefs-store's crash.WriteSchedule, ported to C so that a guest writes
 * exactly what the Java checker expects. Epoch e (1, 2, ...) writes 1-6 extents then flushes; every
 * sector of write id holds 64 little-endian words mix(mix(seed, id, sector), w, 0x77), or zeros for a
 * "zero write". The extent list comes from java.util.SplittableRandom (JDK 17+: nextInt() = mix32,
 * nextLong() = mix64 of seed += GOLDEN_GAMMA; bounded draws as jdk.internal.util.random.RandomSupport
 * boundedNextInt/boundedNextLong). Header-only so the host check (schedule_host.c) uses the same code. */
#ifndef SCHEDULE_H
#define SCHEDULE_H
#include <stdint.h>

#define SCHED_SECTOR 512
#define SCHED_MAX_EXTENTS 6
#define SR_GOLDEN_GAMMA 0x9e3779b97f4a7c15ULL

struct sr { uint64_t seed, gamma; };

static inline uint64_t sr_mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline int32_t sr_mix32(uint64_t z) {
    z = (z ^ (z >> 33)) * 0x62a9d9ed799705f5ULL;
    return (int32_t)(((z ^ (z >> 28)) * 0xcb24d0a5c88c35b3ULL) >> 32);
}

static inline void sr_init(struct sr *r, uint64_t seed) { r->seed = seed; r->gamma = SR_GOLDEN_GAMMA; }
static inline int32_t sr_next_int(struct sr *r) { return sr_mix32(r->seed += r->gamma); }
static inline int64_t sr_next_long(struct sr *r) { return (int64_t)sr_mix64(r->seed += r->gamma); }

/* RandomSupport.boundedNextInt (Java int arithmetic wraps: done in uint32_t). */
static inline int32_t sr_next_int_bounded(struct sr *r, int32_t bound) {
    int32_t rv = sr_next_int(r);
    int32_t m = bound - 1;
    if ((bound & m) == 0) return rv & m;
    uint32_t u = (uint32_t)rv >> 1;
    for (;;) {
        rv = (int32_t)(u % (uint32_t)bound);
        if ((int32_t)(u + (uint32_t)m - (uint32_t)rv) >= 0) return rv;
        u = (uint32_t)sr_next_int(r) >> 1;
    }
}

static inline int64_t sr_next_long_bounded(struct sr *r, int64_t bound) {
    int64_t rv = sr_next_long(r);
    int64_t m = bound - 1;
    if ((bound & m) == 0) return rv & m;
    uint64_t u = (uint64_t)rv >> 1;
    for (;;) {
        rv = (int64_t)(u % (uint64_t)bound);
        if ((int64_t)(u + (uint64_t)m - (uint64_t)rv) >= 0) return rv;
        u = (uint64_t)sr_next_long(r) >> 1;
    }
}

static inline uint64_t rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* WriteSchedule.mix */
static inline uint64_t sched_mix(uint64_t a, uint64_t b, uint64_t c) {
    uint64_t h = (a * 0x9E3779B97F4A7C15ULL) ^ rotl64(b * 0xC2B2AE3D27D4EB4FULL, 29) ^ (c * 0x165667B19E3779F9ULL);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

struct sched_extent { uint64_t id, first_sector; uint32_t sectors; };

static inline uint64_t sched_write_id(uint32_t epoch, uint32_t index) { return ((uint64_t)epoch << 8) | (index + 1); }

/* WriteSchedule.epoch: fills out[] and returns the number of extents. */
static inline int sched_epoch(uint64_t seed, uint64_t sectors, uint32_t epoch, struct sched_extent out[SCHED_MAX_EXTENTS]) {
    struct sr r;
    sr_init(&r, sched_mix(seed, epoch, 0x5eed));
    int n = 1 + sr_next_int_bounded(&r, 6);
    for (int i = 0; i < n; i++) {
        int32_t len = 1 + sr_next_int_bounded(&r, sr_next_int_bounded(&r, 4) == 0 ? 40 : 9);
        int64_t first = sr_next_long_bounded(&r, (int64_t)sectors - len + 1);
        if (sr_next_int_bounded(&r, 3) == 0) first &= ~7LL;
        out[i].id = sched_write_id(epoch, (uint32_t)i);
        out[i].first_sector = (uint64_t)first;
        out[i].sectors = (uint32_t)len;
    }
    return n;
}

static inline int sched_is_zero_write(uint64_t seed, uint64_t id) { return sched_mix(seed, id, 0x2e70) % 7 == 0; }

/* WriteSchedule.fillSector: the 512 bytes write id puts in sector. */
static inline void sched_fill_sector(uint64_t seed, uint64_t id, uint64_t sector, uint64_t *dst) {
    if (id == 0 || sched_is_zero_write(seed, id)) {
        for (int w = 0; w < SCHED_SECTOR / 8; w++) dst[w] = 0;
        return;
    }
    uint64_t b = sched_mix(seed, id, sector);
    for (int w = 0; w < SCHED_SECTOR / 8; w++) dst[w] = sched_mix(b, (uint64_t)w, 0x77);
}
#endif
