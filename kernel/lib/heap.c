/* First-fit allocator with address-ordered free list (K&R style) and coalescing. */
#include "k/heap.h"

#define HDR sizeof(struct hblock)  /* 16 bytes: keeps payloads 16-byte aligned */

void heap_init(struct heap *h, void *mem, size_t size) {
    uintptr_t a = ((uintptr_t)mem + 15) & ~(uintptr_t)15;
    size -= a - (uintptr_t)mem;
    size &= ~(size_t)15;
    h->base = (uint8_t *)a;
    h->size = size;
    h->used = 0;
    h->free = (struct hblock *)a;
    h->free->size = size;
    h->free->next = 0;
}

void *heap_alloc(struct heap *h, size_t n) {
    if (n == 0 || n > h->size) return 0;
    size_t need = ((n + 15) & ~(size_t)15) + HDR;
    struct hblock **pp = &h->free;
    for (struct hblock *b = h->free; b; pp = &b->next, b = b->next) {
        if (b->size < need) continue;
        if (b->size - need >= 2 * HDR) {       /* split: keep the tail free */
            struct hblock *rest = (struct hblock *)((uint8_t *)b + need);
            rest->size = b->size - need;
            rest->next = b->next;
            *pp = rest;
            b->size = need;
        } else {
            *pp = b->next;
        }
        b->next = 0;
        h->used += b->size;
        return (uint8_t *)b + HDR;
    }
    return 0;
}

void heap_free(struct heap *h, void *p) {
    if (!p) return;
    struct hblock *b = (struct hblock *)((uint8_t *)p - HDR);
    h->used -= b->size;
    struct hblock *prev = 0, *cur = h->free;
    while (cur && cur < b) { prev = cur; cur = cur->next; }
    b->next = cur;
    if (cur && (uint8_t *)b + b->size == (uint8_t *)cur) {   /* merge with next */
        b->size += cur->size;
        b->next = cur->next;
    }
    if (prev) {
        prev->next = b;
        if ((uint8_t *)prev + prev->size == (uint8_t *)b) {  /* merge with previous */
            prev->size += b->size;
            prev->next = b->next;
        }
    } else {
        h->free = b;
    }
}
