/*
 * Tasks. One thread per task (docs/kernel.md): a task is an address space,
 * a capability table and exactly one thread of control with its own kernel
 * stack. User tasks are spawned from ELF images in the boot archive; kernel
 * threads (the self-test driver) share the kernel map and never enter U-mode.
 */
#include "k/kernel.h"

struct task tasks[MAX_TASKS];
static int next_tid = 1;

#define STACK_RESERVED_BASE (NX_USER_STACK_TOP - 16 * 4096ull)

static void task_first_run(void);
static void kthread_first_run(void);

static struct task *task_alloc(const char *name, int qos, int pinned) {
    struct task *t = 0;
    for (int i = 0; i < MAX_TASKS; i++)
        if (tasks[i].state == T_FREE) { t = &tasks[i]; break; }
    if (!t) return 0;
    uint64_t ks = kframes_alloc_contig(KSTACK_PAGES);
    if (!ks) return 0;
    struct ipc_acct acct = t->ipc_acct;     /* belongs to the slot: endpoints and VMOs may outlive tasks */
    uint32_t vmo_pages = t->vmo_pages;
    memset(t, 0, sizeof(*t));
    t->ipc_acct = acct;
    t->vmo_pages = vmo_pages;
    cap_table_init(&t->caps);
    t->tid = next_tid++;
    t->qos = qos < 0 || qos >= NX_QOS_CLASSES ? NX_QOS_NORMAL : qos;
    t->pinned = pinned;
    t->home = pinned >= 0 && pinned < ncpus ? pinned : (curtask() ? curtask()->home : 0);
    t->kstack = (uint8_t *)ks;
    t->tf = (struct trapframe *)(ks + KSTACK_SIZE - 16 - TF_SIZE);
    t->ctx.sp = (uint64_t)t->tf;
    t->ctx.ra = (uint64_t)task_first_run;
    t->asid = asid_bits >= 7 ? (unsigned)(t - tasks) + 1 : 0;
    for (int i = 0; i < 15 && name[i]; i++) t->name[i] = name[i];
    t->state = T_BLOCKED;   /* not runnable until started */
    return t;
}

static void task_free(struct task *t) {
    if (t->kstack) for (int i = 0; i < KSTACK_PAGES; i++) kframe_free((uint64_t)t->kstack + i * 4096ull);
    t->kstack = 0;
    t->state = T_FREE;
}

struct load_ctx { struct task *t; const uint8_t *img; };

static int load_seg(void *vctx, const struct elf_seg *s) {
    struct load_ctx *lc = vctx;
    uint64_t perm = PTE_U | PTE_OWNED;
    if (s->flags & ELF_PF_R) perm |= PTE_R;
    if (s->flags & ELF_PF_W) perm |= PTE_W | PTE_R;
    if (s->flags & ELF_PF_X) perm |= PTE_X;
    for (uint64_t va = s->vaddr & ~0xFFFull; va < s->vaddr + s->memsz; va += 4096) {
        uint64_t pa = kframe_alloc();
        if (!pa) return -NX_ENOMEM;
        /* copy the part of [vaddr, vaddr+filesz) that falls in this page */
        uint64_t lo = va > s->vaddr ? va : s->vaddr, hi = va + 4096;
        if (hi > s->vaddr + s->filesz) hi = s->vaddr + s->filesz;
        if (lo < hi) memcpy((void *)(pa + (lo - va)), lc->img + s->offset + (lo - s->vaddr), hi - lo);
        int r = vm_map(lc->t->pagetable, va, pa, perm);
        if (r) { kframe_free(pa); return r; }
    }
    return 0;
}

/* Creates a user task from boot-archive image `name`; it is not started (see task_start). */
struct task *task_spawn(const char *name, uint64_t arg, int qos, struct task *parent, int pinned, int *err) {
    const struct bootimg *img = 0;
    int idx = 0;
    for (int i = 0; bootarc_table[i].name; i++)
        if (!strcmp(bootarc_table[i].name, name)) { img = &bootarc_table[i]; idx = i; break; }
    if (!img) { *err = -NX_ENOENT; return 0; }
    uint64_t entry;
    int r = elf_check(img->start, (size_t)(img->end - img->start), NX_USER_BASE, STACK_RESERVED_BASE, &entry);
    if (r) { kprintf("neuron: image %s rejected (elf error %d)\n", name, r); *err = -NX_EINVAL; return 0; }
    struct task *t = task_alloc(name, qos, pinned);
    if (!t) { *err = -NX_ENOMEM; return 0; }
    t->pagetable = vm_create();
    struct load_ctx lc = { t, img->start };
    if (!t->pagetable || elf_for_each_load(img->start, load_seg, &lc)) goto fail;
    for (int i = 1; i <= NX_USER_STACK_PAGES; i++) {   /* the page below stays unmapped: guard */
        uint64_t pa = kframe_alloc();
        if (!pa || vm_map(t->pagetable, NX_USER_STACK_TOP - i * 4096ull, pa, PTE_U | PTE_R | PTE_W | PTE_OWNED)) {
            if (pa) kframe_free(pa);
            goto fail;
        }
    }
    t->sid = (uint32_t)idx + 1;
    t->parent = parent;
    t->tf->sepc = entry;
    t->tf->x[2] = NX_USER_STACK_TOP;
    t->tf->x[10] = arg;
    t->tf->x[11] = (uint64_t)(int64_t)NX_NO_CAP;
    return t;
fail:
    if (t->pagetable) vm_destroy(t->pagetable);
    task_free(t);
    *err = -NX_ENOMEM;
    return 0;
}

struct task *kthread_create(const char *name, void (*fn)(void *), void *arg, int qos, int pinned) {
    struct task *t = task_alloc(name, qos, pinned);
    if (!t) return 0;
    t->kthread = true;
    t->kentry = fn;
    t->karg = arg;
    t->ctx.sp = (uint64_t)t->kstack + KSTACK_SIZE;
    t->ctx.ra = (uint64_t)kthread_first_run;
    t->parent = curtask();
    return t;
}

void usertrapret(void);

/* First switch into a new task: the scheduler holds the big lock. */
static void task_first_run(void) { usertrapret(); }

static void kthread_first_run(void) {
    struct task *t = curtask();
    t->kentry(t->karg);
    task_exit(t, 0);
}

static void unmap_all(struct task *t);

void task_exit(struct task *t, int status) {
    cap_table_clear(&t->caps);
    if (t->pagetable) {
        unmap_all(t);
        csr_write(satp, kernel_satp);
        sfence_vma_all();
        vm_destroy(t->pagetable);
        vm_flush_asid(t->asid, 0, 0);
        t->pagetable = 0;
    }
    for (int i = 0; i < MAX_TASKS; i++) {
        if (tasks[i].state == T_FREE || tasks[i].parent != t) continue;
        tasks[i].parent = 0;
        if (tasks[i].state == T_ZOMBIE) task_free(&tasks[i]);
    }
    t->exit_status = status;
    t->state = T_ZOMBIE;
    if (t->parent) wakeup(t->parent);
    sched();
    panic("zombie %d ran again", t->tid);
}

void task_kill(struct task *t, int reason, const char *why) {
    kprintf("neuron: killed task %d (%s): %s (sepc=%lx stval=%lx)\n", t->tid, t->name, why,
            t->tf->sepc, t->tf->stval);
    task_exit(t, NX_EXIT_KILLED | reason);
}

int task_wait(struct task *self, int tid, int *status, struct task_stats *st) {
    for (;;) {
        bool any = false;
        for (int i = 0; i < MAX_TASKS; i++) {
            struct task *c = &tasks[i];
            if (c->state == T_FREE || c->parent != self || (tid > 0 && c->tid != tid)) continue;
            any = true;
            if (c->state == T_ZOMBIE) {
                int id = c->tid;
                *status = c->exit_status;
                if (st) {
                    st->ran_on_mask = c->ran_on_mask; st->preemptions = c->preemptions;
                    st->runs = c->runs; st->intr_traps = c->intr_traps;
                    st->first_run = c->first_run; st->last_stop = c->last_stop;
                }
                task_free(c);
                return id;
            }
        }
        if (!any) return -NX_ECHILD;
        sleep_on(self, 0);
    }
}

void task_start(struct task *t) { sched_enqueue(t); }

/* ---- user mappings of VMOs and device regions ---- */

int mapping_add(struct task *t, uint64_t va, uint32_t npages, int kind, void *obj) {
    for (int i = 0; i < MAX_MAPPINGS; i++)
        if (!t->maps[i].npages) {
            t->maps[i] = (struct mapping){ va, npages, (uint8_t)kind, obj };
            cap_obj_ref(kind, obj, +1);
            return 0;
        }
    return -NX_ENOSPC;
}

int mapping_remove(struct task *t, uint64_t va) {
    for (int i = 0; i < MAX_MAPPINGS; i++) {
        struct mapping *m = &t->maps[i];
        if (!m->npages || m->va != va) continue;
        for (uint32_t p = 0; p < m->npages; p++) vm_unmap(t->pagetable, m->va + p * 4096ull);
        vm_flush_asid(t->asid, m->va, m->npages * 4096ull);
        int kind = m->kind;
        void *obj = m->obj;
        m->npages = 0;
        cap_obj_ref(kind, obj, -1);
        return 0;
    }
    return -NX_EINVAL;
}

static void unmap_all(struct task *t) {
    for (int i = 0; i < MAX_MAPPINGS; i++)
        if (t->maps[i].npages) mapping_remove(t, t->maps[i].va);
}

/* Frees a task that was spawned but never started. */
void task_discard(struct task *t) {
    cap_table_clear(&t->caps);
    if (t->pagetable) vm_destroy(t->pagetable);
    t->pagetable = 0;
    task_free(t);
}
