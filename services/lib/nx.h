/* Minimal user-side syscall wrappers for neuron services (see docs/abi.md). */
#ifndef NX_H
#define NX_H
#include <stdint.h>
#include <stddef.h>
#include "neuron/abi.h"

struct nx_ret { long a0; long a1; };

static inline struct nx_ret nx_call(long n, long a0, long a1, long a2, long a3, long a4, long a5) {
    register long r0 __asm__("a0") = a0;
    register long r1 __asm__("a1") = a1;
    register long r2 __asm__("a2") = a2;
    register long r3 __asm__("a3") = a3;
    register long r4 __asm__("a4") = a4;
    register long r5 __asm__("a5") = a5;
    register long r7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7) : "memory");
    struct nx_ret r = { r0, r1 };
    return r;
}
#define NXC(n, ...) nx_call(n, __VA_ARGS__)

static inline size_t nx_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static inline long nx_puts(const char *s) { return NXC(SYS_DEBUG_PUTS, (long)s, (long)nx_strlen(s), 0, 0, 0, 0).a0; }
static inline void nx_yield(void) { NXC(SYS_YIELD, 0, 0, 0, 0, 0, 0); }
static inline __attribute__((noreturn)) void nx_exit(int code) { NXC(SYS_EXIT, code, 0, 0, 0, 0, 0); for (;;) {} }
static inline struct nx_ret nx_wait(long tid) { return NXC(SYS_WAIT, tid, 0, 0, 0, 0, 0); }
static inline struct nx_ret nx_spawn(const char *name, long arg, int qos, int xslot, int rights) {
    return NXC(SYS_SPAWN, (long)name, (long)nx_strlen(name), arg, qos, xslot, rights);
}
static inline struct nx_ret nx_self(void) { return NXC(SYS_TASK_SELF, 0, 0, 0, 0, 0, 0); }
static inline long nx_cap_clone(int slot, int rights) { return NXC(SYS_CAP_CLONE, slot, rights, 0, 0, 0, 0).a0; }
static inline long nx_cap_close(int slot) { return NXC(SYS_CAP_CLOSE, slot, 0, 0, 0, 0, 0).a0; }
static inline struct nx_ret nx_cap_info(int slot) { return NXC(SYS_CAP_INFO, slot, 0, 0, 0, 0, 0); }
static inline long nx_ep_create(int depth) { return NXC(SYS_EP_CREATE, depth, 0, 0, 0, 0, 0).a0; }
static inline long nx_send(int ep, const void *msg, size_t total, int cap, unsigned flags, uint64_t deadline) {
    return NXC(SYS_SEND, ep, (long)msg, (long)total, cap, (long)flags, (long)deadline).a0;
}
static inline struct nx_ret nx_recv(int ep, void *buf, size_t len, unsigned flags, uint64_t deadline) {
    return NXC(SYS_RECV, ep, (long)buf, (long)len, (long)flags, (long)deadline, 0);
}
static inline long nx_vmo_create(size_t size) { return NXC(SYS_VMO_CREATE, (long)size, 0, 0, 0, 0, 0).a0; }
static inline long nx_vmo_write(int v, uint64_t off, const void *p, size_t n) { return NXC(SYS_VMO_WRITE, v, (long)off, (long)p, (long)n, 0, 0).a0; }
static inline long nx_vmo_read(int v, uint64_t off, void *p, size_t n) { return NXC(SYS_VMO_READ, v, (long)off, (long)p, (long)n, 0, 0).a0; }
static inline long nx_vmo_map(int v, uint64_t va, unsigned flags) { return NXC(SYS_VMO_MAP, v, (long)va, (long)flags, 0, 0, 0).a0; }
static inline long nx_vmo_unmap(uint64_t va) { return NXC(SYS_VMO_UNMAP, (long)va, 0, 0, 0, 0, 0).a0; }
static inline long nx_vmo_destroy(int v) { return NXC(SYS_VMO_DESTROY, v, 0, 0, 0, 0, 0).a0; }
static inline long nx_mmio_map(int c, uint64_t va) { return NXC(SYS_MMIO_MAP, c, (long)va, 0, 0, 0, 0).a0; }
static inline long nx_irq_bind(int irq, int ep) { return NXC(SYS_IRQ_BIND, irq, ep, 0, 0, 0, 0).a0; }
static inline long nx_irq_complete(int irq) { return NXC(SYS_IRQ_COMPLETE, irq, 0, 0, 0, 0, 0).a0; }
static inline uint64_t nx_time_now(void) { return (uint64_t)NXC(SYS_TIME_NOW, 0, 0, 0, 0, 0, 0).a0; }
static inline long nx_timer_create(void) { return NXC(SYS_TIMER_CREATE, 0, 0, 0, 0, 0, 0).a0; }
static inline long nx_timer_arm(int t, uint64_t deadline) { return NXC(SYS_TIMER_ARM, t, (long)deadline, 0, 0, 0, 0).a0; }
static inline long nx_timer_wait(int t) { return NXC(SYS_TIMER_WAIT, t, 0, 0, 0, 0, 0).a0; }

#endif
