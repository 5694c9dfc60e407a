/* Trap handling: user traps (syscalls, faults, interrupts) and the few
 * kernel-mode traps (interrupts while idle; anything else is a panic). */
#include "k/kernel.h"

extern char trap_vector[];
extern const struct trapframe *panic_tf;

void trap_init_hart(void) {
    csr_write(stvec, (uint64_t)trap_vector);
    csr_write(sie, SIE_SSIE | SIE_STIE | SIE_SEIE);
    csr_write(scounteren, 2);   /* user may read `time` (TM) */
}

static void interrupt(uint64_t code) {
    if (code == IRQ_S_TIMER) sched_timer_irq();
    else if (code == IRQ_S_SOFT) sched_ipi_irq();
    else if (code == IRQ_S_EXT) plic_irq();
}

void dump_trapframe(const struct trapframe *tf) {
    static const char *names[32] = { "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
        "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10",
        "s11", "t3", "t4", "t5", "t6" };
    kprintf("  sepc=%016lx sstatus=%016lx scause=%016lx stval=%016lx\n", tf->sepc, tf->sstatus, tf->scause, tf->stval);
    for (int i = 1; i < 32; i++)
        kprintf("  %4s=%016lx%s", names[i], tf->x[i], i % 4 == 3 ? "\n" : "");
    kprintf("\n");
}

/* Set while probing an optional CSR: an illegal-instruction trap is then
 * skipped (the 4-byte csr instruction) and recorded instead of panicking. */
volatile int trap_probe_active, trap_probe_faulted;

void kerneltrap(struct trapframe *tf) {
    if (trap_probe_active && tf->scause == EXC_ILLEGAL) {
        trap_probe_faulted = 1;
        tf->sepc += 4;
        return;
    }
    if (tf->scause & SCAUSE_INTR) {
        klock();
        interrupt(tf->scause & 0xFF);
        kunlock();
        return;
    }
    panic_tf = tf;
    panic("kernel trap scause=%lx sepc=%lx stval=%lx", tf->scause, tf->sepc, tf->stval);
}

static void user_fault(struct task *t, uint64_t cause) {
    switch (cause) {
    case EXC_INST_PAGE: case EXC_INST_ACCESS:
        task_kill(t, NX_KILL_EXEC_FAULT, "instruction fetch from an unmapped or non-executable page");
    case EXC_LOAD_PAGE: case EXC_LOAD_ACCESS:
        task_kill(t, NX_KILL_LOAD_FAULT, "load from an unmapped or unreadable page");
    case EXC_STORE_PAGE: case EXC_STORE_ACCESS:
        task_kill(t, NX_KILL_STORE_FAULT, "store to an unmapped or read-only page");
    case EXC_INST_MISALIGNED: case EXC_LOAD_MISALIGNED: case EXC_STORE_MISALIGNED:
        task_kill(t, NX_KILL_MISALIGNED, "misaligned access");
    default:
        task_kill(t, NX_KILL_ILLEGAL, "illegal instruction or breakpoint");
    }
}

void usertrap(struct trapframe *tf) {
    klock();
    struct task *t = curtask();
    uint64_t cause = tf->scause;
    if (cause & SCAUSE_INTR) {
        t->intr_traps++;
        interrupt(cause & 0xFF);
    } else if (cause == EXC_ECALL_U) {
        tf->sepc += 4;
        syscall(t);
    } else {
        user_fault(t, cause);
    }
    struct cpu *c = mycpu();
    /* The slice is also enforced on every kernel entry: QEMU 7.2 with Sstc
       occasionally never raises STIP for an expired stimecmp (seen as a task
       running 50+ ms without a timer trap, sip.STIP = 0, stimecmp < time). */
    if (!(cause & SCAUSE_INTR) && rdtime() >= c->slice_end) c->need_resched = 1;
    if (c->need_resched) {
        c->need_resched = 0;
        if (cause & SCAUSE_INTR) t->preemptions++;
        sched_yield();
    }
    usertrapret();
}

/* Returns the current task to U-mode; called with the big lock held. */
void usertrapret(void) {
    struct task *t = curtask();
    uint64_t top = (uint64_t)t->kstack + KSTACK_SIZE;
    *(uint64_t *)(top - 16) = (uint64_t)mycpu();
    csr_write(sepc, t->tf->sepc);
    uint64_t s = csr_read(sstatus);
    s &= ~(SSTATUS_SPP | SSTATUS_SIE | SSTATUS_FS | SSTATUS_SUM);
    s |= SSTATUS_SPIE;
    csr_write(sstatus, s);
    csr_write(sscratch, top);
    kunlock();
    user_return(t->tf);
}
