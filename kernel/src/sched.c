/*
 * Scheduler: per-hart run queues, one FIFO per QoS class (strict priority
 * between classes, round robin inside one), a 1 ms time slice enforced by the
 * SBI timer, and work stealing of unpinned tasks by idle harts. Everything
 * runs under the big kernel lock; a hart's scheduler loop (xv6 style) owns
 * the lock while it picks a task and switches to it.
 */
#include "k/kernel.h"

struct cpu cpus[MAX_CPUS];
int ncpus = 1;

static void kick(int target, bool stealable) {
    struct cpu *me = mycpu();
    if (target != me->id && cpus[target].idle) {
        sbi_send_ipi(1, cpus[target].hartid);   /* mask relative to the hart: any hartid */
        return;
    }
    if (!stealable) return;
    /* target busy: let an idle hart steal it */
    for (int i = 0; i < ncpus; i++)
        if (i != me->id && cpus[i].online && cpus[i].idle) { sbi_send_ipi(1, cpus[i].hartid); return; }
}


#define RQ_TASK(n) ((struct task *)((char *)(n) - offsetof(struct task, rq)))

void sched_enqueue(struct task *t) {
    int target = t->pinned >= 0 ? t->pinned : t->home;
    if (target < 0 || target >= ncpus || !cpus[target].online) target = 0;
    t->state = T_RUNNABLE;
    t->rq.qos = t->qos;
    t->rq.pinned = t->pinned >= 0;
    rq_push(&cpus[target].rq, &t->rq);
    kick(target, t->pinned < 0);
}

/* Own queue first; else steal an unpinned task from another hart. */
static struct task *pick(struct cpu *c) {
    struct rq_node *n = rq_pop(&c->rq);
    if (n) return RQ_TASK(n);
    for (int i = 0; i < ncpus; i++) {
        if (i == c->id) continue;
        n = rq_steal(&cpus[i].rq);
        if (n) { RQ_TASK(n)->home = c->id; return RQ_TASK(n); }
    }
    return 0;
}

/* Sstc (stimecmp, CSR 0x14D) lets S-mode program its timer without an SBI
 * call. It is used only if the probe below shows the CSR is accessible (the
 * firmware must have set menvcfg.STCE); otherwise SBI TIME set_timer. */
extern volatile int trap_probe_active, trap_probe_faulted;
bool sstc_usable;

void timer_probe_sstc(void) {
    trap_probe_faulted = 0;
    trap_probe_active = 1;
    uint64_t v = 0;
    __asm__ volatile("csrr %0, 0x14d" : "+r"(v) :: "memory");   /* read: traps if inaccessible */
    (void)v;
    trap_probe_active = 0;
    bool ok = !trap_probe_faulted && !bootarg("neuron.nosstc");
    if (mycpu()->id == 0) sstc_usable = ok;
    else if (!ok) sstc_usable = false;   /* all harts must have it */
}

static void set_timer(uint64_t t) {
    if (sstc_usable) __asm__ volatile("csrw 0x14d, %0" :: "r"(t));
    else sbi_set_timer(t);
}

void program_timer(struct cpu *c) {
    /* idle with nothing due: a far deadline (1 s), never UINT64_MAX, whose
       tick-to-ns conversion overflows in some timer models */
    uint64_t next = c->cur ? c->slice_end : rdtime() + timebase_hz;
    for (int i = 0; i < MAX_TASKS; i++)
        if (tasks[i].state == T_BLOCKED && tasks[i].deadline && tasks[i].deadline < next) next = tasks[i].deadline;
    set_timer(next);
}

static void task_reap_orphan(struct task *t) {
    for (int i = 0; i < KSTACK_PAGES; i++) kframe_free((uint64_t)t->kstack + i * 4096ull);
    t->kstack = 0;
    t->state = T_FREE;
}

_Noreturn void scheduler(void) {
    klock();
    for (;;) {
        struct cpu *c = mycpu();
        struct task *t = pick(c);
        if (!t) {
            c->idle = 1;
            program_timer(c);
            kunlock();
            /* wfi with sstatus.SIE off: it still wakes on any pending interrupt
               enabled in sie (priv spec 3.3.3), and an interrupt that arrives
               before it keeps it from sleeping. Enabling first would let the
               IPI be taken and then wfi sleep on regardless: a lost wakeup. */
            wfi();
            intr_on();
            intr_off();
            klock();
            c->idle = 0;
            continue;
        }
        t->state = T_RUNNING;
        t->ran_on_mask |= 1u << c->id;
        t->runs++;
        if (!t->first_run) t->first_run = rdtime();
        c->cur = t;
        if (t->kthread) {
            csr_write(satp, kernel_satp);
        } else {
            csr_write(satp, vm_satp(t->pagetable, t->asid));
            if (!t->asid) sfence_vma_all();   /* no ASID to tell address spaces apart */
        }
        c->slice_end = rdtime() + ns_to_ticks(SLICE_NS);
        c->need_resched = 0;
        program_timer(c);
        swtch(&c->ctx, &t->ctx);
        c = mycpu();
        c->cur = 0;
        t->last_stop = rdtime();
        if (t->state == T_ZOMBIE && !t->parent) task_reap_orphan(t);
    }
}

/* Gives the hart back to its scheduler loop; the caller set t->state. */
void sched(void) {
    struct task *t = curtask();
    swtch(&t->ctx, &mycpu()->ctx);
}

void sched_yield(void) {
    struct task *t = curtask();
    sched_enqueue(t);
    sched();
}

int sleep_on(void *chan, uint64_t deadline) {
    struct task *t = curtask();
    t->chan = chan;
    t->deadline = deadline;
    t->timed_out = false;
    t->state = T_BLOCKED;
    sched();
    return t->timed_out ? -NX_ETIMEDOUT : 0;
}

void wakeup(void *chan) {
    for (int i = 0; i < MAX_TASKS; i++) {
        struct task *t = &tasks[i];
        if (t->state == T_BLOCKED && t->chan == chan && chan) {
            t->chan = 0;
            t->deadline = 0;
            sched_enqueue(t);
        }
    }
}

void sched_timer_irq(void) {
    struct cpu *c = mycpu();
    uint64_t now = rdtime();
    c->timer_irqs++;
    for (int i = 0; i < MAX_TASKS; i++) {
        struct task *t = &tasks[i];
        if (t->state == T_BLOCKED && t->deadline && t->deadline <= now) {
            t->timed_out = true;
            t->chan = 0;
            t->deadline = 0;
            sched_enqueue(t);
        }
    }
    if (c->cur && now >= c->slice_end) c->need_resched = 1;
    program_timer(c);
}

void sched_ipi_irq(void) {
    struct cpu *c = mycpu();
    csr_clear(sip, SIP_SSIP);
    c->ipi_count++;
    if (c->cur) c->need_resched = 1;
}
