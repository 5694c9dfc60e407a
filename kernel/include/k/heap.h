/* Bounded kernel heap: first-fit free list over one fixed region, with
 * coalescing. When the region is exhausted allocation fails (returns NULL);
 * it never grows. Pure logic. */
#ifndef K_HEAP_H
#define K_HEAP_H
#include <stddef.h>
#include <stdint.h>

struct hblock { size_t size; struct hblock *next; };  /* size includes this header */

struct heap {
    uint8_t *base;
    size_t size, used;
    struct hblock *free;   /* sorted by address */
};

void heap_init(struct heap *h, void *mem, size_t size);
void *heap_alloc(struct heap *h, size_t n);  /* 16-byte aligned; NULL when out of space */
void heap_free(struct heap *h, void *p);

#endif
