/* Frame allocator and bounded heap. */
#include <stdlib.h>
#include "t.h"
#include "k/frame.h"
#include "k/heap.h"

void test_frame(void) {
    static uint64_t bits[4];
    struct frame_alloc fa;
    uint64_t base = 0x80000000ull;
    frame_init(&fa, base, 200, bits);
    CHECK_EQ(fa.nfree, 200);
    frame_reserve(&fa, base - 0x1000, 0x3000);          /* clipped: frames 0 and 1 */
    CHECK_EQ(fa.nfree, 198);
    frame_reserve(&fa, base + 0x2800, 0x100);           /* partial frame rounds out: frame 2 */
    CHECK_EQ(fa.nfree, 197);
    frame_reserve(&fa, base + 200 * 0x1000, 0x5000);    /* beyond: nothing */
    CHECK_EQ(fa.nfree, 197);
    uint64_t p = frame_alloc(&fa);
    CHECK_EQ(p, base + 3 * 0x1000);
    CHECK_EQ(frame_free(&fa, p), 0);
    CHECK_EQ(frame_free(&fa, p), -1);                   /* double free */
    CHECK_EQ(frame_free(&fa, p + 8), -1);               /* unaligned */
    CHECK_EQ(frame_free(&fa, base + 200 * 0x1000), -1); /* out of range */
    uint64_t c = frame_alloc_contig(&fa, 10);
    CHECK(c >= base + 3 * 0x1000 && (c - base) % 0x1000 == 0);
    CHECK_EQ(fa.nfree, 187);
    int seen = 0;
    uint64_t got;
    while ((got = frame_alloc(&fa)) != 0) {
        CHECK(got < c || got >= c + 10 * 0x1000);        /* never hands out a used frame */
        seen++;
    }
    CHECK_EQ(seen, 187);
    CHECK_EQ(fa.nfree, 0);
    CHECK_EQ(frame_alloc_contig(&fa, 1), 0);
    CHECK_EQ(frame_free(&fa, c + 0x1000), 0);
    CHECK_EQ(frame_alloc(&fa), c + 0x1000);
}

void test_heap(void) {
    size_t size = 64 * 1024;
    void *mem = malloc(size + 16);
    struct heap h;
    heap_init(&h, mem, size);
    void *a = heap_alloc(&h, 100), *b = heap_alloc(&h, 8208), *c = heap_alloc(&h, 1);
    CHECK(a && b && c);
    CHECK(((uintptr_t)a & 15) == 0 && ((uintptr_t)b & 15) == 0 && ((uintptr_t)c & 15) == 0);
    CHECK((uint8_t *)b >= (uint8_t *)a + 100 && (uint8_t *)c >= (uint8_t *)b + 8208);
    memset(a, 1, 100); memset(b, 2, 8208); memset(c, 3, 1);
    CHECK(heap_alloc(&h, size) == 0);                   /* bounded: no growth */
    heap_free(&h, b);
    void *d = heap_alloc(&h, 8000);
    CHECK(d == b);                                      /* first fit reuses the hole */
    heap_free(&h, a); heap_free(&h, c); heap_free(&h, d);
    CHECK_EQ(h.used, 0);
    void *all = heap_alloc(&h, size - 16 - 16);        /* coalesced back to one block */
    CHECK(all != 0);
    heap_free(&h, all);
    int n = 0;
    while (heap_alloc(&h, 1000)) n++;
    CHECK(n >= 60 && n <= 64);                          /* 64 KiB / (1008 + 16) */
    free(mem);
}
