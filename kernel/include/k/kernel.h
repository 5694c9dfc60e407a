/* neuron kernel internals: one header for the freestanding kernel. */
#ifndef K_KERNEL_H
#define K_KERNEL_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "neuron/abi.h"
#include "k/kstring.h"
#include "k/dtb.h"
#include "k/cap.h"
#include "k/ipcq.h"
#include "k/frame.h"
#include "k/heap.h"
#include "k/elf.h"
#include "k/riscv.h"
#include "k/runq.h"

#ifndef NEURON_VERSION
#define NEURON_VERSION "0.0.0"
#endif

#define MAX_CPUS     8
#define MAX_TASKS    64
#define KSTACK_PAGES 4
#define KSTACK_SIZE  (KSTACK_PAGES * 4096)
#define MAX_MAPPINGS 16
#define VMO_MAX_PAGES 64
#define SLICE_NS     1000000ull   /* 1 ms time slice */
#define KHEAP_SIZE   (4u << 20)   /* bounded kernel heap: 4 MiB */

/* ---- console (console.c) ---- */
void kputs(const char *s);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_panic_unlock(void);
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define KASSERT(c) do { if (!(c)) panic("assert %s at %s:%d", #c, __FILE__, __LINE__); } while (0)

/* ---- SBI (sbi.c), SBI spec v1.0 / v2.0 ---- */
void sbi_init(void);
void sbi_putchar(int c);
void sbi_set_timer(uint64_t stime);
void sbi_send_ipi(unsigned long hart_mask, unsigned long hart_base);
long sbi_hart_start(unsigned long hartid, unsigned long addr, unsigned long opaque);
void sbi_remote_sfence_vma_asid(unsigned long hart_mask, unsigned long base, unsigned long start,
                                unsigned long size, unsigned long asid);
_Noreturn void sbi_shutdown(bool failure);
extern bool sbi_has_dbcn;

/* ---- spinlock / big kernel lock (lock.c) ---- */
struct spinlock { volatile uint32_t locked; int cpu; };
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
extern struct spinlock big_lock;
static inline void klock(void) { spin_lock(&big_lock); }
static inline void kunlock(void) { spin_unlock(&big_lock); }

/* ---- traps (trap.c, trap.S) ---- */
struct trapframe { uint64_t x[32]; uint64_t sepc, sstatus, stval, scause; };
#define TF_SIZE 288
struct context { uint64_t ra, sp, s[12]; };
void trap_init_hart(void);
void swtch(struct context *old, struct context *new);
_Noreturn void user_return(struct trapframe *tf);
void dump_trapframe(const struct trapframe *tf);

/* ---- physical memory and heap (kmem.c) ---- */
extern struct dtb_info boot_dtb;
void kmem_init(uint64_t dtb_pa);
uint64_t kframe_alloc(void);          /* zeroed frame, or 0 */
uint64_t kframes_alloc_contig(uint64_t n);
void kframe_free(uint64_t pa);
void *kmalloc(size_t n);              /* zeroed, NULL when the bounded heap is full */
void kfree(void *p);
uint64_t kmem_free_frames(void);

/* ---- virtual memory (vm.c) ---- */
typedef uint64_t pte_t;
#define PTE_V (1u << 0)
#define PTE_R (1u << 1)
#define PTE_W (1u << 2)
#define PTE_X (1u << 3)
#define PTE_U (1u << 4)
#define PTE_G (1u << 5)
#define PTE_A (1u << 6)
#define PTE_D (1u << 7)
#define PTE_OWNED (1u << 8)  /* RSW bit: frame belongs to this address space, freed with it */
extern uint64_t kernel_satp;
extern unsigned asid_bits;
void vm_init(void);
void vm_init_hart(void);
pte_t *vm_create(void);                    /* user root table sharing the kernel map */
void vm_destroy(pte_t *root);
int vm_map(pte_t *root, uint64_t va, uint64_t pa, uint64_t perm);   /* 0 or -NX_E* */
uint64_t vm_unmap(pte_t *root, uint64_t va);                      /* old pa or 0 */
uint64_t vm_user_pa(pte_t *root, uint64_t va, uint64_t need);     /* pa or 0 */
uint64_t vm_satp(pte_t *root, unsigned asid);
void vm_flush_asid(unsigned asid, uint64_t va, uint64_t size);     /* local + remote (SBI RFENCE) */

/* ---- tasks (task.c) ---- */
enum task_state { T_FREE, T_RUNNABLE, T_RUNNING, T_BLOCKED, T_ZOMBIE };
struct mapping { uint64_t va; uint32_t npages; uint8_t kind; void *obj; };
struct task {
    int tid;
    enum task_state state;
    char name[16];
    uint32_t sid;             /* service id: boot-archive image index + 1 (0 = kernel thread) */
    int qos;
    int home, pinned;         /* run-queue cpu; pinned >= 0 forbids migration */
    bool kthread;
    void (*kentry)(void *);
    void *karg;
    pte_t *pagetable;
    unsigned asid;
    uint8_t *kstack;
    struct trapframe *tf;
    struct context ctx;
    struct task *parent;
    struct rq_node rq;        /* run-queue link */
    int exit_status;
    /* blocking */
    void *chan;
    uint64_t deadline;        /* absolute ticks, 0 = none */
    bool timed_out;
    /* statistics for self-tests */
    uint32_t ran_on_mask;
    uint64_t preemptions;
    uint64_t runs, intr_traps;   /* times switched in; interrupts taken from U-mode */
    uint64_t first_run, last_stop; /* ticks */
    struct cap_table caps;
    struct ipc_acct ipc_acct; /* charged for endpoints this task slot created */
    uint32_t vmo_pages;       /* charged for VMO frames this task slot created */
    struct mapping maps[MAX_MAPPINGS];
};
extern struct task tasks[MAX_TASKS];
struct task *task_spawn(const char *name, uint64_t arg, int qos, struct task *parent, int pinned, int *err);
struct task *kthread_create(const char *name, void (*fn)(void *), void *arg, int qos, int pinned);
_Noreturn void task_exit(struct task *t, int status);   /* current task only; does not return */
_Noreturn void task_kill(struct task *t, int reason, const char *why);
struct task_stats { uint32_t ran_on_mask; uint64_t preemptions, runs, intr_traps, first_run, last_stop; };
int task_wait(struct task *self, int tid, int *status, struct task_stats *st); /* reaped tid or -NX_E* */
void task_start(struct task *t);
void task_discard(struct task *t);
int mapping_add(struct task *t, uint64_t va, uint32_t npages, int kind, void *obj);
int mapping_remove(struct task *t, uint64_t va);
void usertrapret(void);

/* ---- scheduler (sched.c) ---- */
struct cpu {
    uint64_t stack_top;       /* offset 0: used by the secondary entry */
    int id;
    uint64_t hartid;
    int plic_ctx;
    struct context ctx;
    struct task *cur;
    struct runq rq;
    volatile int online;
    volatile int idle;
    int need_resched;
    uint64_t slice_end;       /* ticks */
    volatile uint64_t ipi_count;
    uint64_t timer_irqs;
};
extern struct cpu cpus[MAX_CPUS];
extern int ncpus;
static inline struct cpu *mycpu(void) { struct cpu *c; __asm__ volatile("mv %0, tp" : "=r"(c)); return c; }
static inline struct task *curtask(void) { return mycpu()->cur; }
_Noreturn void scheduler(void);
void sched_enqueue(struct task *t);
void sched_yield(void);
void sched(void);
int sleep_on(void *chan, uint64_t deadline_ticks);   /* 0 woken, -NX_ETIMEDOUT */
void wakeup(void *chan);
void sched_timer_irq(void);
void sched_ipi_irq(void);
void program_timer(struct cpu *c);
void timer_probe_sstc(void);
bool bootarg(const char *word);
extern bool sstc_usable;

/* ---- time (time.c) ---- */
extern uint64_t timebase_hz;
static inline uint64_t rdtime(void) { uint64_t t; __asm__ volatile("rdtime %0" : "=r"(t)); return t; }
uint64_t ticks_to_ns(uint64_t t);
uint64_t ns_to_ticks(uint64_t ns);
static inline uint64_t now_ns(void) { return ticks_to_ns(rdtime()); }

/* ---- kernel objects ---- */
struct endpoint {
    int refs;
    struct ipc_queue q;
    int owner_slot;
};
struct vmo { int refs; uint32_t npages; int owner_slot; uint64_t pages[VMO_MAX_PAGES]; };
#define VMO_PAGES_PER_OWNER 1024   /* 4 MiB of VMO memory per creating task slot */
struct mmio_obj { int refs; uint64_t base, size; };
struct irq_obj { int refs; uint32_t irq; struct endpoint *ep; bool masked; bool pending; };
struct ktimer { int refs; uint64_t deadline; bool armed; };
extern struct ipc_acct ipc_global;
extern const struct ipc_limits ipc_limits;
struct endpoint *endpoint_new(struct task *owner, uint32_t depth, int *err);
int ipc_send(struct task *t, struct endpoint *ep, const struct nx_msg_hdr *h, const void *payload_k,
             uint64_t payload_u, int cap_slot, unsigned flags, uint64_t deadline_ns);
int ipc_recv(struct task *t, struct endpoint *ep, uint64_t buf_u, uint64_t buflen, unsigned flags,
             uint64_t deadline_ns, int *cap_slot_out);
int ipc_kernel_post(struct endpoint *ep, uint16_t label, const void *data, uint32_t len);

/* ---- devices (dev.c) ---- */
#define MAX_MMIO 10
extern struct mmio_obj mmio_objs[MAX_MMIO];
extern int nmmio;
extern struct irq_obj *uart_irq_obj;
void dev_init(void);
void dev_init_hart(void);
void plic_irq(void);
int irq_bind(struct irq_obj *irq, struct endpoint *ep);
int irq_complete(struct irq_obj *irq);

/* ---- user memory ---- */
int copyin(struct task *t, void *dst, uint64_t uva, uint64_t len);
int copyout(struct task *t, uint64_t uva, const void *src, uint64_t len);

/* ---- syscalls (syscall.c) ---- */
void syscall(struct task *t);

/* ---- boot archive (bootarc.S, generated) ---- */
struct bootimg { const char *name; const uint8_t *start, *end; };
extern const struct bootimg bootarc_table[];

/* ---- self-tests (selftest.c) ---- */
void selftest_main(void *arg);
extern volatile int selftest_ipi_flag;

#endif
