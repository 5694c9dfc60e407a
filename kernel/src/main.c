/* Boot: the boot hart (logical cpu 0) parses the DTB, sets up memory, paging,
 * traps and devices, starts the other harts through SBI HSM and enters the
 * scheduler with the self-test driver thread queued. */
#include "k/kernel.h"

extern char secondary_entry[];
extern volatile uint64_t spin_table[8];
#define SBI_ERR_ALREADY_AVAILABLE (-6)

/* Is `word` one of the space-separated words of the boot arguments? */
bool bootarg(const char *word) {
    const char *a = boot_dtb.bootargs;
    size_t n = strlen(word);
    while (a && *a) {
        while (*a == ' ') a++;
        size_t l = 0;
        while (a[l] && a[l] != ' ') l++;
        if (l == n && !strncmp(a, word, n)) return true;
        a += l;
    }
    return false;
}

void kmain(uint64_t hartid, uint64_t dtb_pa) {
    struct cpu *c = &cpus[0];
    c->id = 0;
    c->hartid = hartid;
    sbi_init();
    kprintf("neuron vers. %s\n", NEURON_VERSION);
    kprintf("KINIT: boot hart %lu, dtb %lx\n", hartid, dtb_pa);
    uint32_t total = dtb_totalsize((void *)dtb_pa);
    int r = total ? dtb_parse((void *)dtb_pa, total, &boot_dtb) : DTB_EBADMAGIC;
    if (r) panic("cannot parse the DTB at %lx (error %d)", dtb_pa, r);
    if (!boot_dtb.timebase_hz) panic("DTB has no timebase-frequency");
    if (!boot_dtb.nmem) panic("DTB has no memory");
    timebase_hz = boot_dtb.timebase_hz;
    kprintf("KINIT: dtb ok: %lu MiB RAM at %lx, %d harts, timebase %lu Hz, plic %lx, uart %lx irq %u, %d virtio-mmio\n",
            boot_dtb.mem[0].size >> 20, boot_dtb.mem[0].base, boot_dtb.nharts, boot_dtb.timebase_hz,
            boot_dtb.plic.base, boot_dtb.uart.base, boot_dtb.uart_irq, boot_dtb.nvirtio);

    /* logical cpu numbers: the boot hart is 0, the others follow in DTB order */
    c->plic_ctx = -1;
    for (int i = 0; i < boot_dtb.nharts; i++) {
        struct dtb_hart *h = &boot_dtb.harts[i];
        if (h->hartid == hartid) { c->plic_ctx = h->plic_sctx; continue; }
        if (!h->okay || ncpus >= MAX_CPUS) continue;
        struct cpu *o = &cpus[ncpus];
        o->id = ncpus++;
        o->hartid = h->hartid;
        o->plic_ctx = h->plic_sctx;
    }

    kmem_init(dtb_pa);
    vm_init();
    vm_init_hart();
    trap_init_hart();
    timer_probe_sstc();
    dev_init();
    dev_init_hart();
    kprintf("KINIT: sv39 on, asid bits %u, sbi dbcn %s, timer %s\n", asid_bits, sbi_has_dbcn ? "yes" : "no",
            sstc_usable ? "sstc" : "sbi");
    c->online = 1;
    if (bootarg("neuron.test=panic")) {
        /* e2e check of the panic path: a real kernel page fault (the user window is unmapped here) */
        kprintf("KINIT: panic test requested\n");
        *(volatile uint64_t *)NX_USER_BASE = 1;
    }
    if (bootarg("neuron.test=wx")) {
        /* e2e check of kernel W^X: writing to our own text must fault */
        kprintf("KINIT: text write test requested\n");
        *(volatile uint32_t *)(uintptr_t)kmain = 0;
    }

    for (int i = 1; i < ncpus; i++) {
        struct cpu *o = &cpus[i];
        uint64_t stack = kframes_alloc_contig(KSTACK_PAGES);
        if (!stack) panic("no memory for cpu%d's stack", i);
        o->stack_top = stack + KSTACK_SIZE;
        long e = sbi_hart_start(o->hartid, (uint64_t)secondary_entry, (uint64_t)o);
        if (e == SBI_ERR_ALREADY_AVAILABLE && o->hartid < 8) {   /* parked in _start's lottery */
            __asm__ volatile("fence" ::: "memory");
            spin_table[o->hartid] = (uint64_t)o;
            e = 0;
        }
        if (e) { kprintf("KINIT: cpu%d (hart %lu) failed to start: %ld\n", i, o->hartid, e); continue; }
        uint64_t until = rdtime() + 5 * timebase_hz;   /* 5 s: generous for a loaded host */
        while (!o->online && rdtime() < until) __asm__ volatile("nop");
        if (!o->online) kprintf("KINIT: cpu%d (hart %lu) did not come online\n", i, o->hartid);
    }

    klock();   /* the other harts are already scheduling */
    struct task *t = kthread_create("ktest", selftest_main, 0, NX_QOS_REALTIME, 0);
    if (!t) panic("cannot create the self-test thread");
    sched_enqueue(t);
    kunlock();
    scheduler();
}

void secondary_main(uint64_t hartid, struct cpu *c) {
    (void)hartid;
    vm_init_hart();
    trap_init_hart();
    timer_probe_sstc();
    dev_init_hart();
    kprintf("KINIT: cpu%d online\n", c->id);
    c->online = 1;
    scheduler();
}
