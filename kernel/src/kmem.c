/* Physical memory: the frame allocator over the RAM region holding the
 * kernel, minus firmware, kernel image, DTB and reserved ranges; and the
 * bounded kernel heap carved out of it once at boot. */
#include "k/kernel.h"

extern char __kernel_start[], __kernel_end[];

struct dtb_info boot_dtb;
static struct frame_alloc fa;
static uint64_t frame_bits[(1ull << 20) / 64];   /* up to 4 GiB of RAM */
static struct heap kheap;

void kmem_init(uint64_t dtb_pa) {
    uint64_t ks = (uint64_t)__kernel_start;
    const struct dtb_region *ram = 0;
    for (int i = 0; i < boot_dtb.nmem; i++)
        if (ks >= boot_dtb.mem[i].base && ks - boot_dtb.mem[i].base < boot_dtb.mem[i].size) ram = &boot_dtb.mem[i];
    if (!ram) panic("kernel image not inside any DTB memory region");
    uint64_t n = ram->size / FRAME_SIZE;
    if (n > (1ull << 20)) n = 1ull << 20;
    frame_init(&fa, ram->base, n, frame_bits);
    frame_reserve(&fa, ram->base, ks - ram->base);                  /* SBI firmware below us */
    frame_reserve(&fa, ks, (uint64_t)__kernel_end - ks);             /* kernel image + bss */
    frame_reserve(&fa, dtb_pa, dtb_totalsize((void *)dtb_pa));       /* the DTB itself */
    for (int i = 0; i < boot_dtb.nresv; i++) frame_reserve(&fa, boot_dtb.resv[i].base, boot_dtb.resv[i].size);
    uint64_t heap = frame_alloc_contig(&fa, KHEAP_SIZE / FRAME_SIZE);
    if (!heap) panic("no room for the kernel heap");
    heap_init(&kheap, (void *)heap, KHEAP_SIZE);
    kprintf("KINIT: memory %lu KiB free, heap %u KiB\n", fa.nfree * 4, KHEAP_SIZE / 1024);
}

uint64_t kframe_alloc(void) {
    uint64_t pa = frame_alloc(&fa);
    if (pa) memset((void *)pa, 0, FRAME_SIZE);   /* direct map: VA == PA */
    return pa;
}

uint64_t kframes_alloc_contig(uint64_t n) {
    uint64_t pa = frame_alloc_contig(&fa, n);
    if (pa) memset((void *)pa, 0, n * FRAME_SIZE);
    return pa;
}

void kframe_free(uint64_t pa) {
    if (frame_free(&fa, pa)) panic("frame_free(%lx): not an allocated frame", pa);
}

uint64_t kmem_free_frames(void) { return fa.nfree; }

void *kmalloc(size_t n) {
    void *p = heap_alloc(&kheap, n);
    if (p) memset(p, 0, n);
    return p;
}

void kfree(void *p) { heap_free(&kheap, p); }
