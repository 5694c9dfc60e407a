/*
 * System call dispatch (numbers and semantics in docs/abi.md). Every call
 * that uses an object looks its capability up with the kind and rights it
 * needs. Missing rights return -NX_EPERM; a slot that is empty, out of range
 * or holds another kind of object is a programming error and kills the task
 * (reason NX_KILL_BAD_CAP), except in the cap management calls
 * (clone/close/info), which report -NX_EBADCAP so a task can probe its table.
 */
#include "k/kernel.h"

struct vmo *vmo_new(struct task *owner, uint64_t size, int *err);
int vmo_copy(struct task *t, struct vmo *v, uint64_t off, uint64_t uva, uint64_t len, int dir);

#define ARG(i) (t->tf->x[10 + (i)])

uint64_t timer_wakeups;   /* SYS_TIMER_WAIT sleeps ended by their deadline (self-test evidence) */

/* Register value -> slot number without truncation: anything outside
 * -1..255 becomes NX_CAP_SLOTS, which every lookup rejects. */
static int SLOT(uint64_t v) {
    int64_t s = (int64_t)v;
    return s >= NX_NO_CAP && s < NX_CAP_SLOTS ? (int)s : NX_CAP_SLOTS;
}
/* Register value -> rights mask; unknown bits are kept as 0x100 so that any
 * narrowing check (rights must be a subset) refuses them. */
static int RIGHTS(uint64_t v) { return v & ~(uint64_t)NX_R_ALL ? 0x100 | (int)(v & NX_R_ALL) : (int)v; }

/* Looks up a capability for use; kills the task on a bad slot or kind. */
static struct cap *use_cap(struct task *t, uint64_t slot, int kind, int rights, long *err) {
    struct cap *c = 0;
    int r = cap_lookup(&t->caps, SLOT(slot), kind, rights, &c);
    if (r == -NX_EBADCAP) {
        kprintf("neuron: task %d (%s): syscall %lu with bad capability slot %ld\n", t->tid, t->name,
                t->tf->x[17], (long)slot);
        task_kill(t, NX_KILL_BAD_CAP, "bad capability");
    }
    *err = r;
    return r ? 0 : c;
}

static long sys_debug_puts(struct task *t) {
    char buf[128];
    uint64_t p = ARG(0), len = ARG(1);
    if (len > 4096) return -NX_EINVAL;
    while (len) {
        uint64_t n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;
        if (copyin(t, buf, p, n)) return -NX_EFAULT;
        buf[n] = 0;
        kputs(buf);
        p += n; len -= n;
    }
    return 0;
}

static long sys_spawn(struct task *t, uint64_t *ret1) {
    char name[16];
    uint64_t len = ARG(1);
    if (len == 0 || len >= sizeof(name)) return -NX_EINVAL;
    if (copyin(t, name, ARG(0), len)) return -NX_EFAULT;
    name[len] = 0;
    int xslot = SLOT(ARG(4));
    if (xslot != NX_NO_CAP) {
        long err;
        if (!use_cap(t, (uint64_t)(int64_t)xslot, NX_CAP_NONE, 0, &err)) return err;
    }
    int err;
    int qos = ARG(3) < NX_QOS_CLASSES ? (int)ARG(3) : t->qos;
    if (qos < t->qos) qos = t->qos;   /* a child never outranks its parent */
    struct task *c = task_spawn(name, ARG(2), qos, t, -1, &err);
    if (!c) return err;
    *ret1 = (uint64_t)(int64_t)NX_NO_CAP;
    if (xslot != NX_NO_CAP) {
        int s = cap_transfer(&t->caps, xslot, &c->caps, RIGHTS(ARG(5)));
        if (s < 0) { task_discard(c); return s; }   /* e.g. asked for more rights than held */
        c->tf->x[11] = (uint64_t)s;
        *ret1 = (uint64_t)s;
    }
    task_start(c);
    return c->tid;
}

static long sys_ep_create(struct task *t) {
    int err;
    struct endpoint *ep = endpoint_new(t, (uint32_t)ARG(0), &err);
    if (!ep) return err;
    int s = cap_insert(&t->caps, NX_CAP_ENDPOINT, NX_R_ALL, ep);
    if (s < 0) { ep->refs = 1; cap_obj_ref(NX_CAP_ENDPOINT, ep, -1); }
    return s;
}

static long sys_send(struct task *t) {
    long err;
    struct cap *c = use_cap(t, ARG(0), NX_CAP_ENDPOINT, NX_R_SEND, &err);
    if (!c) return err;
    uint64_t total = ARG(2);
    if (total < sizeof(struct nx_msg_hdr)) return -NX_EINVAL;
    if (total - sizeof(struct nx_msg_hdr) > NX_MSG_MAX_PAYLOAD) return -NX_EMSGSIZE;
    struct nx_msg_hdr h;
    if (copyin(t, &h, ARG(1), sizeof(h))) return -NX_EFAULT;
    h.len = (uint32_t)(total - sizeof(h));
    int cs = SLOT(ARG(3));
    if (cs != NX_NO_CAP && !use_cap(t, (uint64_t)(int64_t)cs, NX_CAP_NONE, 0, &err)) return err;
    return ipc_send(t, c->obj, &h, 0, ARG(1) + sizeof(h), cs, (unsigned)ARG(4), ARG(5));
}

static long sys_recv(struct task *t, uint64_t *ret1) {
    long err;
    struct cap *c = use_cap(t, ARG(0), NX_CAP_ENDPOINT, NX_R_RECV, &err);
    if (!c) return err;
    int slot;
    long r = ipc_recv(t, c->obj, ARG(1), ARG(2), (unsigned)ARG(3), ARG(4), &slot);
    *ret1 = (uint64_t)(int64_t)slot;
    return r;
}

static bool range_ok(uint64_t va, uint64_t npages) {
    return !(va & 0xFFF) && va >= NX_USER_BASE && va < NX_USER_STACK_TOP - 16 * 4096ull &&
           npages <= (NX_USER_STACK_TOP - 16 * 4096ull - va) / 4096;
}

static long map_pages(struct task *t, uint64_t va, const uint64_t *pages, uint64_t base, uint32_t n,
                      uint64_t perm, int kind, void *obj) {
    if (!range_ok(va, n)) return -NX_EINVAL;
    for (uint32_t i = 0; i < n; i++) {
        int r = vm_map(t->pagetable, va + i * 4096ull, pages ? pages[i] : base + i * 4096ull, perm);
        if (r) {
            while (i--) vm_unmap(t->pagetable, va + i * 4096ull);
            vm_flush_asid(t->asid, va, n * 4096ull);
            return r;
        }
    }
    int r = mapping_add(t, va, n, kind, obj);
    if (r) {
        for (uint32_t i = 0; i < n; i++) vm_unmap(t->pagetable, va + i * 4096ull);
        vm_flush_asid(t->asid, va, n * 4096ull);
    }
    return r;
}

static long sys_vmo_map(struct task *t) {
    uint64_t flags = ARG(2);
    int need = NX_R_MAP | NX_R_RECV | ((flags & NX_MAP_WRITE) ? NX_R_SEND : 0);
    long err;
    struct cap *c = use_cap(t, ARG(0), NX_CAP_VMO, need, &err);
    if (!c) return err;
    struct vmo *v = c->obj;
    uint64_t perm = PTE_U | PTE_R | ((flags & NX_MAP_WRITE) ? PTE_W : 0);   /* never executable */
    return map_pages(t, ARG(1), v->pages, 0, v->npages, perm, NX_CAP_VMO, v);
}

static long sys_mmio_map(struct task *t) {
    long err;
    struct cap *c = use_cap(t, ARG(0), NX_CAP_DEVICE_MMIO, NX_R_MAP, &err);
    if (!c) return err;
    struct mmio_obj *m = c->obj;
    return map_pages(t, ARG(1), 0, m->base, (uint32_t)(m->size / 4096), PTE_U | PTE_R | PTE_W,
                     NX_CAP_DEVICE_MMIO, m);
}

void syscall(struct task *t) {
    uint64_t nr = t->tf->x[17];
    uint64_t ret1 = t->tf->x[11];
    long r, err;
    struct cap *c;
    switch (nr) {
    case SYS_DEBUG_PUTS: r = sys_debug_puts(t); break;
    case SYS_YIELD: sched_yield(); r = 0; break;
    case SYS_EXIT: task_exit(t, (int)(ARG(0) & 0xFF));
    case SYS_WAIT: {
        int st = 0;
        r = task_wait(t, (int64_t)ARG(0) > 0 && ARG(0) <= 0x7FFFFFFF ? (int)ARG(0) : -1, &st, 0);
        ret1 = (uint64_t)st;
        break;
    }
    case SYS_SPAWN: r = sys_spawn(t, &ret1); break;
    case SYS_TASK_SELF: r = t->tid; ret1 = t->sid; break;
    case SYS_CAP_CLONE: r = cap_clone(&t->caps, SLOT(ARG(0)), RIGHTS(ARG(1))); break;
    case SYS_CAP_CLOSE: r = cap_close(&t->caps, SLOT(ARG(0))); break;
    case SYS_CAP_INFO:
        r = cap_lookup(&t->caps, SLOT(ARG(0)), NX_CAP_NONE, 0, &c);
        if (!r) { r = c->kind; ret1 = c->rights; }
        break;
    case SYS_EP_CREATE: r = sys_ep_create(t); break;
    case SYS_SEND: r = sys_send(t); break;
    case SYS_RECV: r = sys_recv(t, &ret1); break;
    case SYS_VMO_CREATE: {
        int e;
        struct vmo *v = vmo_new(t, ARG(0), &e);
        if (!v) { r = e; break; }
        r = cap_insert(&t->caps, NX_CAP_VMO, NX_R_ALL, v);
        if (r < 0) { v->refs = 1; cap_obj_ref(NX_CAP_VMO, v, -1); }
        break;
    }
    case SYS_VMO_WRITE:
    case SYS_VMO_READ:
        c = use_cap(t, ARG(0), NX_CAP_VMO, nr == SYS_VMO_WRITE ? NX_R_SEND : NX_R_RECV, &err);
        r = c ? vmo_copy(t, c->obj, ARG(1), ARG(2), ARG(3), nr == SYS_VMO_READ) : err;
        break;
    case SYS_VMO_MAP: r = sys_vmo_map(t); break;
    case SYS_VMO_UNMAP: r = mapping_remove(t, ARG(0)); break;
    case SYS_VMO_DESTROY:
        c = use_cap(t, ARG(0), NX_CAP_VMO, NX_R_MANAGE, &err);
        r = c ? cap_close(&t->caps, SLOT(ARG(0))) : err;
        break;
    case SYS_MMIO_MAP: r = sys_mmio_map(t); break;
    case SYS_IRQ_BIND: {
        c = use_cap(t, ARG(0), NX_CAP_IRQ, NX_R_MANAGE, &err);
        if (!c) { r = err; break; }
        struct cap *e = use_cap(t, ARG(1), NX_CAP_ENDPOINT, NX_R_SEND, &err);
        r = e ? irq_bind(c->obj, e->obj) : err;
        break;
    }
    case SYS_IRQ_COMPLETE:
        c = use_cap(t, ARG(0), NX_CAP_IRQ, NX_R_RECV, &err);
        r = c ? irq_complete(c->obj) : err;
        break;
    case SYS_TIME_NOW: r = (long)now_ns(); break;
    case SYS_TIMER_CREATE: {
        struct ktimer *k = kmalloc(sizeof(*k));
        if (!k) { r = -NX_ENOMEM; break; }
        r = cap_insert(&t->caps, NX_CAP_TIMER, NX_R_SEND | NX_R_RECV | NX_R_MANAGE, k);
        if (r < 0) kfree(k);
        break;
    }
    case SYS_TIMER_ARM:
        c = use_cap(t, ARG(0), NX_CAP_TIMER, NX_R_SEND, &err);
        if (!c) { r = err; break; }
        ((struct ktimer *)c->obj)->deadline = ARG(1);
        ((struct ktimer *)c->obj)->armed = true;
        r = 0;
        break;
    case SYS_TIMER_WAIT: {
        c = use_cap(t, ARG(0), NX_CAP_TIMER, NX_R_RECV, &err);
        if (!c) { r = err; break; }
        struct ktimer *k = c->obj;
        if (!k->armed) { r = -NX_EINVAL; break; }
        k->refs++;
        while (now_ns() < k->deadline)
            if (sleep_on(k, ns_to_ticks(k->deadline) + 1) == -NX_ETIMEDOUT) timer_wakeups++;
        k->armed = false;
        cap_obj_ref(NX_CAP_TIMER, k, -1);
        r = 0;
        break;
    }
    default: r = -NX_ENOSYS; break;
    }
    t->tf->x[10] = (uint64_t)r;
    t->tf->x[11] = ret1;
}
