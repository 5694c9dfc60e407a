/* Physical frame allocator: one bit per 4 KiB frame of a RAM range (pure logic). */
#ifndef K_FRAME_H
#define K_FRAME_H
#include <stdint.h>

#define FRAME_SIZE 4096ull

struct frame_alloc {
    uint64_t base, nframes, nfree, hint;
    uint64_t *bits;   /* 1 = in use; nframes bits */
};

/* All frames start free; bits must hold (nframes + 63) / 64 words. */
void frame_init(struct frame_alloc *fa, uint64_t base, uint64_t nframes, uint64_t *bits);
/* Marks [addr, addr+size) in use (clipped to the range, rounded out to frames). */
void frame_reserve(struct frame_alloc *fa, uint64_t addr, uint64_t size);
/* Physical address of a free frame (now in use), or 0. */
uint64_t frame_alloc(struct frame_alloc *fa);
/* n physically contiguous frames, or 0. */
uint64_t frame_alloc_contig(struct frame_alloc *fa, uint64_t n);
/* 0, or -1 if pa is outside the range, unaligned or already free. */
int frame_free(struct frame_alloc *fa, uint64_t pa);

#endif
