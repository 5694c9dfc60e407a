/* Guest twin of statefs-store's crash.CrashWriter: runs the WriteSchedule (schedule.h) on the first
 * virtio-blk disk, epoch after epoch: OUT every extent, then FLUSH, then print "FLUSHED <epoch>".
 * Stops after max_epochs (0 = never) with "DONE". A host kills the machine at any moment and checks
 * that the disk is exactly at a flush boundary >= the last FLUSHED line it saw. */
#include "io.h"
#include "params.h"
#include "schedule.h"
#include "virtio_blk.h"

/* "NXCRASH!", seed, first_epoch, last_epoch */
PARAMS(crash_params, 0x214853415243584eULL, 0x6e657875735eedULL, 1, 0);

int main(void) {
    uint64_t seed = crash_params[1], first = crash_params[2], last = crash_params[3];
    vblk_init();
    if (!(vblk_features() & (1ULL << VIRTIO_BLK_F_FLUSH))) io_fail("device does not offer VIRTIO_BLK_F_FLUSH", 0, 2);
    uint64_t sectors = vblk_capacity();
    console_puts("CRASHWRITER seed=");
    console_put_hex(seed);
    console_puts(" sectors=");
    console_put_dec(sectors);
    console_puts("\n");
    uint64_t *buf = (uint64_t *)__heap_start;
    struct sched_extent ex[SCHED_MAX_EXTENTS];
    for (uint64_t e = first; last == 0 || e <= last; e++) {
        int n = sched_epoch(seed, sectors, (uint32_t)e, ex);
        for (int i = 0; i < n; i++) {
            for (uint32_t s = 0; s < ex[i].sectors; s++) {
                sched_fill_sector(seed, ex[i].id, ex[i].first_sector + s, buf + s * (SCHED_SECTOR / 8));
            }
            int st = vblk_rw(VIRTIO_BLK_T_OUT, ex[i].first_sector, buf, ex[i].sectors * SCHED_SECTOR);
            if (st != VIRTIO_BLK_S_OK) io_fail("OUT status", (uint64_t)st, 3);
        }
        int st = vblk_flush();
        if (st != VIRTIO_BLK_S_OK) io_fail("FLUSH status", (uint64_t)st, 4);
        console_puts("FLUSHED ");
        console_put_dec(e);
        console_puts("\n");
    }
    console_puts("DONE\n");
    return 0;
}
