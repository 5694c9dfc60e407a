/* virtio-blk throughput and latency, timed with the time CSR (mtime, 10 MHz on QEMU virt and nexus).
 * Each test prints "IO <test> ops=<n> bytes=<n> ticks=<n>":
 *   seqwrite   region in 1 MiB OUT requests         seqwrite-flush  the FLUSH after it
 *   seqread    region in 1 MiB IN requests (first word of each chunk checked)
 *   randwrite  4 KiB OUTs at LCG-chosen blocks       randwrite-flush the FLUSH after it
 *   randread   4 KiB INs at LCG-chosen blocks
 *   flush      FLUSH after one 4 KiB OUT, repeated (only the FLUSH requests are timed)
 * The region is the whole disk, or the first region_bytes when that is set and smaller (rounded down to
 * 1 MiB); random offsets are 4 KiB aligned and uniform over the region. Parameters: params.h. */
#include "io.h"
#include "params.h"
#include "virtio_blk.h"

/* "NXIOBEN!", region_bytes (0 = whole disk), random ops, flush ops, LCG seed */
PARAMS(iobench_params, 0x214e45424f49584eULL, 0, 2048, 64, 0x10be4c4ULL);

#define MIB (1u << 20)
#define BLK 4096u

static uint64_t lcg;
static uint64_t next_rand(void) {
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return lcg >> 33;
}

static void report(const char *name, uint64_t ops, uint64_t bytes, uint64_t ticks) {
    console_puts("IO ");
    console_puts(name);
    console_puts(" ops=");
    console_put_dec(ops);
    console_puts(" bytes=");
    console_put_dec(bytes);
    console_puts(" ticks=");
    console_put_dec(ticks);
    console_puts("\n");
}

static void rw(uint32_t type, uint64_t sector, void *buf, uint32_t len) {
    int st = vblk_rw(type, sector, buf, len);
    if (st != VIRTIO_BLK_S_OK) io_fail(type == VIRTIO_BLK_T_IN ? "IN status" : "OUT status", (uint64_t)st, 2);
}

static uint64_t timed_flush(void) {
    uint64_t t0 = console_time();
    int st = vblk_flush();
    uint64_t t = console_time() - t0;
    if (st != VIRTIO_BLK_S_OK) io_fail("FLUSH status", (uint64_t)st, 3);
    return t;
}

int main(void) {
    vblk_init();
    if (!(vblk_features() & (1ULL << VIRTIO_BLK_F_FLUSH))) io_fail("device does not offer VIRTIO_BLK_F_FLUSH", 0, 4);
    uint64_t cap = vblk_capacity() * 512;
    uint64_t region = iobench_params[1] != 0 && iobench_params[1] < cap ? iobench_params[1] : cap;
    region &= ~(uint64_t)(MIB - 1);
    if (region == 0) io_fail("disk smaller than 1 MiB", cap, 5);
    uint64_t rand_ops = iobench_params[2], flush_ops = iobench_params[3];
    lcg = iobench_params[4];
    uint64_t blocks = region / BLK;
    uint64_t *big = (uint64_t *)__heap_start;            /* 1 MiB */
    uint64_t *small = (uint64_t *)(__heap_start + MIB);  /* 4 KiB */
    for (uint32_t w = 0; w < MIB / 8; w++) big[w] = 0x9e3779b97f4a7c15ULL * (w + 1);
    for (uint32_t w = 0; w < BLK / 8; w++) small[w] = 0xc2b2ae3d27d4eb4fULL * (w + 1);
    console_puts("IOBENCH region=");
    console_put_dec(region);
    console_puts("\n");

    uint64_t chunks = region / MIB, t0 = console_time();
    for (uint64_t c = 0; c < chunks; c++) {
        big[0] = c + 1;
        rw(VIRTIO_BLK_T_OUT, c * (MIB / 512), big, MIB);
    }
    report("seqwrite", chunks, region, console_time() - t0);
    report("seqwrite-flush", 1, 0, timed_flush());

    t0 = console_time();
    for (uint64_t c = 0; c < chunks; c++) {
        rw(VIRTIO_BLK_T_IN, c * (MIB / 512), big, MIB);
        if (big[0] != c + 1) io_fail("seqread: wrong data in chunk", c, 6);
    }
    report("seqread", chunks, region, console_time() - t0);

    t0 = console_time();
    for (uint64_t i = 0; i < rand_ops; i++) {
        small[0] = i;
        rw(VIRTIO_BLK_T_OUT, (next_rand() % blocks) * (BLK / 512), small, BLK);
    }
    report("randwrite", rand_ops, rand_ops * BLK, console_time() - t0);
    report("randwrite-flush", 1, 0, timed_flush());

    t0 = console_time();
    for (uint64_t i = 0; i < rand_ops; i++) rw(VIRTIO_BLK_T_IN, (next_rand() % blocks) * (BLK / 512), small, BLK);
    report("randread", rand_ops, rand_ops * BLK, console_time() - t0);

    uint64_t flush_ticks = 0;
    for (uint64_t i = 0; i < flush_ops; i++) {
        small[0] = ~i;
        rw(VIRTIO_BLK_T_OUT, (next_rand() % blocks) * (BLK / 512), small, BLK);
        flush_ticks += timed_flush();
    }
    report("flush", flush_ops, 0, flush_ticks);
    console_puts("IOBENCH done\n");
    return 0;
}
