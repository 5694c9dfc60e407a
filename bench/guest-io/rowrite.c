/* Read-only drive probe: prints "RO <0|1>" (VIRTIO_BLK_F_RO offered), tries an OUT of a 4 KiB pattern
 * at sector 0 and a FLUSH, and prints "OUT status=<s> FLUSH status=<s>" and
 * "BEFORE <sum> AFTER <sum>" (FNV-1a over the first 4 KiB read before and after). */
#include "io.h"
#include "virtio_blk.h"

static uint64_t sum4k(const uint64_t *p) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int w = 0; w < 512; w++) h = (h ^ p[w]) * 0x100000001b3ULL;
    return h;
}

int main(void) {
    vblk_init();
    uint64_t *a = (uint64_t *)__heap_start, *b = a + 512;
    console_puts("RO ");
    console_put_dec((vblk_features() >> VIRTIO_BLK_F_RO) & 1);
    console_puts("\n");
    int st = vblk_rw(VIRTIO_BLK_T_IN, 0, a, 4096);
    if (st != VIRTIO_BLK_S_OK) io_fail("IN status", (uint64_t)st, 2);
    uint64_t before = sum4k(a);
    for (int w = 0; w < 512; w++) b[w] = 0xa5a5a5a5a5a5a5a5ULL ^ (uint64_t)w;
    int out = vblk_rw(VIRTIO_BLK_T_OUT, 0, b, 4096);
    int fl = vblk_flush();
    st = vblk_rw(VIRTIO_BLK_T_IN, 0, a, 4096);
    if (st != VIRTIO_BLK_S_OK) io_fail("IN status", (uint64_t)st, 3);
    console_puts("OUT status=");
    console_put_dec((uint64_t)out);
    console_puts(" FLUSH status=");
    console_put_dec((uint64_t)fl);
    console_puts("\nBEFORE ");
    console_put_hex(before);
    console_puts(" AFTER ");
    console_put_hex(sum4k(a));
    console_puts("\n");
    return 0;
}
