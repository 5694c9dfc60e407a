/* Host check of schedule.h: prints epochs 1..N of a schedule and the first word of each extent's first
 * sector, to compare with the same listing made by the Java WriteSchedule (GuestScheduleTest). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include "schedule.h"

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: schedule_host SEED SIZE_BYTES EPOCHS\n"); return 2; }
    uint64_t seed = strtoull(argv[1], 0, 0), size = strtoull(argv[2], 0, 0);
    uint32_t epochs = (uint32_t)strtoul(argv[3], 0, 0);
    struct sched_extent ex[SCHED_MAX_EXTENTS];
    uint64_t buf[64];
    for (uint32_t e = 1; e <= epochs; e++) {
        int n = sched_epoch(seed, size / SCHED_SECTOR, e, ex);
        for (int i = 0; i < n; i++) {
            sched_fill_sector(seed, ex[i].id, ex[i].first_sector, buf);
            printf("%" PRIu32 " %" PRIu64 " %" PRIu64 " %" PRIu32 " %016" PRIx64 "\n", e, ex[i].id, ex[i].first_sector, ex[i].sectors, buf[0]);
        }
    }
    return 0;
}
