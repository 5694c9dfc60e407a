/* Kernel object lifetimes: every capability slot, queued message and user
 * mapping holds one reference; the object is destroyed at zero. Device MMIO
 * regions and IRQ lines are static and never destroyed. */
#include "k/kernel.h"

void endpoint_destroy(struct endpoint *ep);

static void vmo_destroy(struct vmo *v) {
    for (uint32_t i = 0; i < v->npages; i++) kframe_free(v->pages[i]);
    tasks[v->owner_slot].vmo_pages -= v->npages;
    kfree(v);
}

void cap_obj_ref(int kind, void *obj, int delta) {
    int *refs = (int *)obj;   /* every object starts with `int refs` */
    *refs += delta;
    KASSERT(*refs >= 0);
    if (*refs > 0) return;
    switch (kind) {
    case NX_CAP_ENDPOINT: endpoint_destroy(obj); break;
    case NX_CAP_VMO: vmo_destroy(obj); break;
    case NX_CAP_TIMER: kfree(obj); break;
    default: break;   /* static objects */
    }
}

struct vmo *vmo_new(struct task *owner, uint64_t size, int *err) {
    uint64_t n = (size + 4095) / 4096;
    *err = -NX_EINVAL;
    if (size == 0 || n > VMO_MAX_PAGES) return 0;
    *err = -NX_ENOMEM;
    if (owner->vmo_pages + n > VMO_PAGES_PER_OWNER) return 0;
    struct vmo *v = kmalloc(sizeof(*v));
    if (!v) return 0;
    v->owner_slot = (int)(owner - tasks);
    owner->vmo_pages += (uint32_t)n;
    for (uint64_t i = 0; i < n; i++) {
        v->pages[i] = kframe_alloc();
        if (!v->pages[i]) {
            owner->vmo_pages -= (uint32_t)(n - i);   /* vmo_destroy refunds the i allocated */
            v->npages = (uint32_t)i;
            vmo_destroy(v);
            return 0;
        }
    }
    v->npages = (uint32_t)n;
    return v;
}

/* Copies between a VMO and user memory; dir 0 = user -> vmo, 1 = vmo -> user. */
int vmo_copy(struct task *t, struct vmo *v, uint64_t off, uint64_t uva, uint64_t len, int dir) {
    if (off > (uint64_t)v->npages * 4096 || len > (uint64_t)v->npages * 4096 - off) return -NX_EINVAL;
    while (len) {
        uint64_t pg = off / 4096, in = off % 4096, n = 4096 - in;
        if (n > len) n = len;
        void *k = (void *)(v->pages[pg] + in);
        int r = dir ? copyout(t, uva, k, n) : copyin(t, k, uva, n);
        if (r) return r;
        off += n; uva += n; len -= n;
    }
    return 0;
}
