/* Bitmap frame allocator; a rotating hint makes the common case O(1)-ish. */
#include "k/frame.h"

static int test(struct frame_alloc *fa, uint64_t i) { return (fa->bits[i / 64] >> (i % 64)) & 1; }
static void set(struct frame_alloc *fa, uint64_t i) { fa->bits[i / 64] |= 1ull << (i % 64); }
static void clr(struct frame_alloc *fa, uint64_t i) { fa->bits[i / 64] &= ~(1ull << (i % 64)); }

void frame_init(struct frame_alloc *fa, uint64_t base, uint64_t nframes, uint64_t *bits) {
    fa->base = base;
    fa->nframes = nframes;
    fa->nfree = nframes;
    fa->hint = 0;
    fa->bits = bits;
    for (uint64_t i = 0; i < (nframes + 63) / 64; i++) bits[i] = 0;
}

void frame_reserve(struct frame_alloc *fa, uint64_t addr, uint64_t size) {
    if (!size) return;
    uint64_t end = addr + size;
    uint64_t top = fa->base + fa->nframes * FRAME_SIZE;
    if (end <= fa->base || addr >= top) return;
    if (addr < fa->base) addr = fa->base;
    if (end > top) end = top;
    for (uint64_t i = (addr - fa->base) / FRAME_SIZE; i < (end - fa->base + FRAME_SIZE - 1) / FRAME_SIZE; i++)
        if (!test(fa, i)) { set(fa, i); fa->nfree--; }
}

uint64_t frame_alloc(struct frame_alloc *fa) {
    for (uint64_t k = 0; k < fa->nframes; k++) {
        uint64_t i = (fa->hint + k) % fa->nframes;
        if (!test(fa, i)) {
            set(fa, i);
            fa->nfree--;
            fa->hint = i + 1;
            return fa->base + i * FRAME_SIZE;
        }
    }
    return 0;
}

uint64_t frame_alloc_contig(struct frame_alloc *fa, uint64_t n) {
    if (n == 0) return 0;
    uint64_t run = 0;
    for (uint64_t i = 0; i < fa->nframes; i++) {
        run = test(fa, i) ? 0 : run + 1;
        if (run == n) {
            uint64_t first = i + 1 - n;
            for (uint64_t j = first; j <= i; j++) set(fa, j);
            fa->nfree -= n;
            return fa->base + first * FRAME_SIZE;
        }
    }
    return 0;
}

int frame_free(struct frame_alloc *fa, uint64_t pa) {
    if (pa < fa->base || (pa - fa->base) % FRAME_SIZE) return -1;
    uint64_t i = (pa - fa->base) / FRAME_SIZE;
    if (i >= fa->nframes || !test(fa, i)) return -1;
    clr(fa, i);
    fa->nfree++;
    return 0;
}
