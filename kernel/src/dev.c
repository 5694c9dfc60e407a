/*
 * Devices: the PLIC (RISC-V PLIC spec 1.0.0) and the objects behind
 * DeviceMmio and Irq capabilities, all found in the DTB. A bound IRQ is
 * delivered as a kernel message (label NX_LABEL_IRQ, payload = the 32-bit
 * source number) to its endpoint; the source stays disabled (masked) until
 * the holder calls irq_complete.
 */
#include "k/kernel.h"

struct mmio_obj mmio_objs[MAX_MMIO];
int nmmio;
#define MAX_IRQ_OBJS 16
static struct irq_obj irq_objs[MAX_IRQ_OBJS];
static int nirq;
struct irq_obj *uart_irq_obj;
uint64_t irq_delivered, irq_dropped;

#define PLIC_PRIO(s)        (boot_dtb.plic.base + 4ull * (s))
#define PLIC_ENABLE(ctx)    (boot_dtb.plic.base + 0x2000ull + 0x80ull * (ctx))
#define PLIC_THRESHOLD(ctx) (boot_dtb.plic.base + 0x200000ull + 0x1000ull * (ctx))
#define PLIC_CLAIM(ctx)     (PLIC_THRESHOLD(ctx) + 4)

static void w32(uint64_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static uint32_t r32(uint64_t a) { return *(volatile uint32_t *)a; }

static void plic_enable(uint32_t src, int ctx, bool on) {
    uint64_t a = PLIC_ENABLE(ctx) + 4 * (src / 32);
    uint32_t v = r32(a);
    v = on ? v | (1u << (src % 32)) : v & ~(1u << (src % 32));
    w32(a, v);
}

static struct irq_obj *irq_obj_new(uint32_t irq) {
    if (nirq >= MAX_IRQ_OBJS || !irq) return 0;
    struct irq_obj *o = &irq_objs[nirq++];
    o->refs = 1;   /* static: never freed */
    o->irq = irq;
    o->masked = true;
    return o;
}

static void mmio_new(struct dtb_region r) {
    if (nmmio >= MAX_MMIO) return;
    struct mmio_obj *m = &mmio_objs[nmmio++];
    m->refs = 1;
    m->base = r.base & ~0xFFFull;
    m->size = ((r.base + r.size + 0xFFF) & ~0xFFFull) - m->base;
}

void dev_init(void) {
    if (boot_dtb.has_uart) {
        mmio_new(boot_dtb.uart);
        uart_irq_obj = irq_obj_new(boot_dtb.uart_irq);
    }
    for (int i = 0; i < boot_dtb.nvirtio; i++) {
        mmio_new(boot_dtb.virtio[i]);
        irq_obj_new(boot_dtb.virtio_irq[i]);
    }
    if (!boot_dtb.has_plic) return;
    for (uint32_t s = 1; s <= boot_dtb.plic_ndev; s++) w32(PLIC_PRIO(s), 0);
}

void dev_init_hart(void) {
    int ctx = mycpu()->plic_ctx;
    if (!boot_dtb.has_plic || ctx < 0) return;
    for (uint32_t s = 0; s <= boot_dtb.plic_ndev; s += 32) w32(PLIC_ENABLE(ctx) + s / 8, 0);
    w32(PLIC_THRESHOLD(ctx), 0);
}

static struct irq_obj *irq_find(uint32_t src) {
    for (int i = 0; i < nirq; i++) if (irq_objs[i].irq == src) return &irq_objs[i];
    return 0;
}

void plic_irq(void) {
    int ctx = mycpu()->plic_ctx;
    if (ctx < 0) return;
    uint32_t src;
    while ((src = r32(PLIC_CLAIM(ctx))) != 0) {
        struct irq_obj *o = irq_find(src);
        plic_enable(src, ctx, false);   /* masked until irq_complete */
        w32(PLIC_CLAIM(ctx), src);
        if (!o || !o->ep) continue;
        o->masked = true;
        if (ipc_kernel_post(o->ep, NX_LABEL_IRQ, &src, sizeof(src)) == 0) irq_delivered++;
        else { o->pending = true; irq_dropped++; }
    }
}

/* Routes the source to cpu0's S-mode context and unmasks it. */
int irq_bind(struct irq_obj *o, struct endpoint *ep) {
    if (!boot_dtb.has_plic || cpus[0].plic_ctx < 0) return -NX_ENOSYS;
    if (o->ep) cap_obj_ref(NX_CAP_ENDPOINT, o->ep, -1);
    o->ep = ep;
    cap_obj_ref(NX_CAP_ENDPOINT, ep, +1);
    w32(PLIC_PRIO(o->irq), 1);
    o->masked = false;
    plic_enable(o->irq, cpus[0].plic_ctx, true);
    return 0;
}

int irq_complete(struct irq_obj *o) {
    if (!o->ep) return -NX_EINVAL;
    if (o->pending) {   /* a delivery was refused (queue full): retry now */
        if (ipc_kernel_post(o->ep, NX_LABEL_IRQ, &o->irq, sizeof(o->irq)) == 0) o->pending = false;
        return 0;
    }
    o->masked = false;
    plic_enable(o->irq, cpus[0].plic_ctx, true);
    return 0;
}

struct irq_obj *irq_obj_for(uint32_t src) { return irq_find(src); }
