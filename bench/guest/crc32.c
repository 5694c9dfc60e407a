/* CRC-32 (IEEE, reflected) over a pseudo-random buffer, bitwise and table-driven. */
#include "bench.h"
const char *const workload_name = "crc32";

#define LEN 16384
#define ROUNDS 1200
static uint8_t buf[LEN];
static uint32_t table[256];

static uint32_t crc_bitwise(const uint8_t *p, size_t n, uint32_t crc) {
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static uint32_t crc_table(const uint8_t *p, size_t n, uint32_t crc) {
    crc = ~crc;
    while (n--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

uint64_t workload_run(void) {
    uint64_t seed = 0x1234567;
    for (int i = 0; i < LEN; i++) buf[i] = (uint8_t)bench_rand(&seed);
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
        table[i] = c;
    }
    uint64_t sum = 0;
    uint32_t crc = 0;
    for (int r = 0; r < ROUNDS; r++) {
        crc = crc_table(buf, LEN, crc);
        buf[r % LEN] ^= (uint8_t)crc;
        sum = sum * 31 + crc;
    }
    /* the bitwise form must agree with the table form */
    uint32_t a = crc_bitwise(buf, 4096, 7), b = crc_table(buf, 4096, 7);
    if (a != b) console_exit(3);
    return sum ^ a;
}
