/*
 * utest: user-level checks for the kernel self-tests. The spawn argument
 * selects a mode (modes.h). A mode exits 0 when all its checks passed;
 * a failed check prints its line and exits non-zero. Fault modes must be
 * killed by the kernel before reaching their exit.
 */
#include "nx.h"
#include "modes.h"

#define VA_A (NX_USER_BASE + 0x10000000ull)
#define VA_B (NX_USER_BASE + 0x10100000ull)
#define VA_C (NX_USER_BASE + 0x10200000ull)

static void put_num(long v) {
    char b[24];
    int i = 23;
    b[i] = 0;
    int neg = v < 0;
    unsigned long u = neg ? (unsigned long)-v : (unsigned long)v;
    do { b[--i] = (char)('0' + u % 10); u /= 10; } while (u);
    if (neg) b[--i] = '-';
    nx_puts(b + i);
}

static void fail(int line, long got) {
    nx_puts("utest: check failed at line ");
    put_num(line);
    nx_puts(", got ");
    put_num(got);
    nx_puts("\n");
    nx_exit(line % 250 + 1);
}
#define CHECK(cond, got) do { if (!(cond)) fail(__LINE__, (long)(got)); } while (0)

struct msg { struct nx_msg_hdr h; char body[64]; };
static uint8_t big[sizeof(struct nx_msg_hdr) + NX_MSG_MAX_PAYLOAD + 1];

static int streq(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return *a == *b; }
static int memeq(const void *a, const void *b, unsigned long n) {
    const char *x = a, *y = b;
    while (n--) if (*x++ != *y++) return 0;
    return 1;
}

static int mode_caps(void) {
    struct nx_ret me = nx_self();
    long ep = nx_ep_create(4);
    CHECK(ep >= 0, ep);
    long s = nx_cap_clone((int)ep, NX_R_SEND);
    CHECK(s >= 0, s);
    struct msg m = { { 0, 0, 0, 42, 0 }, "hi" };
    CHECK(nx_send((int)s, &m, sizeof(m.h) + 3, NX_NO_CAP, NX_IPC_NONBLOCK, 0) == 0, 0);
    struct msg r;
    struct nx_ret rr = nx_recv((int)s, &r, sizeof(r), NX_IPC_NONBLOCK, 0);
    CHECK(rr.a0 == -NX_EPERM, rr.a0);                       /* narrowed cap refuses RECV */
    long w = nx_cap_clone((int)s, NX_R_SEND | NX_R_RECV);
    CHECK(w == -NX_EPERM, w);                               /* rights never widen */
    /* slot and rights arguments are not truncated to 32 or 8 bits */
    struct nx_ret alias = NXC(SYS_CAP_INFO, (long)(0x100000000ull + (unsigned long)ep), 0, 0, 0, 0, 0);
    CHECK(alias.a0 == -NX_EBADCAP, alias.a0);
    long hi = NXC(SYS_CAP_CLONE, ep, (long)(0x100000000ull | NX_R_SEND), 0, 0, 0, 0).a0;
    CHECK(hi == -NX_EPERM, hi);
    struct nx_ret info = nx_cap_info((int)s);
    CHECK(info.a0 == NX_CAP_ENDPOINT && info.a1 == NX_R_SEND, info.a1);
    /* forge attempt: sender fields in our header are overwritten by the kernel */
    m.h.sender_task = 999; m.h.sender_service = 777;
    CHECK(nx_send((int)s, &m, sizeof(m.h) + 3, NX_NO_CAP, NX_IPC_NONBLOCK, 0) == 0, 0);
    for (int i = 0; i < 2; i++) {
        rr = nx_recv((int)ep, &r, sizeof(r), NX_IPC_NONBLOCK, 0);
        CHECK(rr.a0 == 3 && rr.a1 == NX_NO_CAP, rr.a0);
        CHECK(r.h.sender_task == (uint32_t)me.a0 && r.h.sender_service == (uint32_t)me.a1, r.h.sender_task);
        CHECK(r.h.label == 42 && r.h.len == 3 && streq(r.body, "hi"), r.h.label);
    }
    CHECK(nx_cap_close((int)s) == 0, 0);
    CHECK(nx_cap_info((int)s).a0 == -NX_EBADCAP, 0);
    CHECK(nx_cap_close((int)s) == -NX_EBADCAP, 0);
    long v = nx_vmo_create(4096);
    CHECK(v >= 0, v);
    long vr = nx_cap_clone((int)v, NX_R_RECV);
    long e = nx_vmo_write((int)vr, 0, "x", 1);
    CHECK(e == -NX_EPERM, e);                               /* read-only VMO cap refuses writes */
    return 0;
}

static int mode_ipc(void) {
    long ep = nx_ep_create(4);
    CHECK(ep >= 0, ep);
    struct msg m = { { 0, 0, 0, 1, 0 }, "0123456789" };
    for (int i = 0; i < 4; i++) CHECK(nx_send((int)ep, &m, sizeof(m.h) + 10, NX_NO_CAP, NX_IPC_NONBLOCK, 0) == 0, i);
    long r = nx_send((int)ep, &m, sizeof(m.h) + 10, NX_NO_CAP, NX_IPC_NONBLOCK, 0);
    CHECK(r == -NX_EAGAIN, r);                              /* queue depth 4 is full */
    uint64_t t0 = nx_time_now(), dl = t0 + 3000000;
    r = nx_send((int)ep, &m, sizeof(m.h) + 10, NX_NO_CAP, 0, dl);
    CHECK(r == -NX_ETIMEDOUT && nx_time_now() >= dl, r);    /* blocked until the deadline */
    struct msg in;
    for (int i = 0; i < 4; i++) CHECK(nx_recv((int)ep, &in, sizeof(in), 0, 0).a0 == 10, i);
    struct nx_ret rr = nx_recv((int)ep, &in, sizeof(in), NX_IPC_NONBLOCK, 0);
    CHECK(rr.a0 == -NX_EAGAIN, rr.a0);
    dl = nx_time_now() + 2000000;
    rr = nx_recv((int)ep, &in, sizeof(in), 0, dl);
    CHECK(rr.a0 == -NX_ETIMEDOUT && nx_time_now() >= dl, rr.a0);
    /* payload limit: 8 KiB passes, one byte more does not */
    r = nx_send((int)ep, big, sizeof(struct nx_msg_hdr) + NX_MSG_MAX_PAYLOAD, NX_NO_CAP, NX_IPC_NONBLOCK, 0);
    CHECK(r == 0, r);
    r = nx_send((int)ep, big, sizeof(big), NX_NO_CAP, NX_IPC_NONBLOCK, 0);
    CHECK(r == -NX_EMSGSIZE, r);
    /* a receive buffer too small leaves the message queued */
    rr = nx_recv((int)ep, &in, sizeof(in), NX_IPC_NONBLOCK, 0);
    CHECK(rr.a0 == -NX_EMSGSIZE, rr.a0);
    rr = nx_recv((int)ep, big, sizeof(big), NX_IPC_NONBLOCK, 0);
    CHECK(rr.a0 == (long)NX_MSG_MAX_PAYLOAD, rr.a0);
    /* per-owner byte quota (128 KiB): 8 KiB messages on many endpoints eventually hit EAGAIN */
    int full = 0;
    long eps[15];
    int neps = 0;
    for (; neps < 15; neps++) {
        eps[neps] = nx_ep_create(4);
        if (eps[neps] < 0) break;
    }
    CHECK(neps == 15 && nx_ep_create(4) == -NX_ENOSPC, neps);   /* 16 endpoints per owner */
    for (int i = 0; i < neps && !full; i++)
        for (int k = 0; k < 4; k++) {
            r = nx_send((int)eps[i], big, sizeof(struct nx_msg_hdr) + NX_MSG_MAX_PAYLOAD, NX_NO_CAP, NX_IPC_NONBLOCK, 0);
            if (r == -NX_EAGAIN) { full = i * 4 + k; break; }
            CHECK(r == 0, r);
        }
    CHECK(full == 15, full);   /* 15 * (8192 + 16) <= 128 KiB < 16 * (8192 + 16) */
    for (int i = 0; i < neps; i++) CHECK(nx_cap_close((int)eps[i]) == 0, i);   /* refunds the quotas */

    /* blocking send across tasks: a full depth-1 queue blocks the sender until the child
       (which first sleeps 20 ms on a timer) receives; 5 ms leaves slack for a loaded host */
    long q = nx_ep_create(1);
    CHECK(q >= 0, q);
    struct nx_ret c = nx_spawn("utest", UTEST_IPC_CHILD, NX_QOS_NORMAL, (int)q, NX_R_RECV);
    CHECK(c.a0 > 0, c.a0);
    CHECK(nx_send((int)q, &m, sizeof(m.h) + 10, NX_NO_CAP, NX_IPC_NONBLOCK, 0) == 0, 0);
    uint64_t t1 = nx_time_now();
    r = nx_send((int)q, &m, sizeof(m.h) + 10, NX_NO_CAP, 0, 0);
    uint64_t waited = nx_time_now() - t1;
    CHECK(r == 0 && waited >= 5000000, (long)waited);   /* it really waited for the child */
    struct nx_ret w = nx_wait(c.a0);
    CHECK(w.a0 == c.a0 && w.a1 == 0, w.a1);
    return 0;
}

static int mode_ipc_child(long ep) {
    long t = nx_timer_create();
    CHECK(t >= 0 && nx_timer_arm((int)t, nx_time_now() + 20000000) == 0 && nx_timer_wait((int)t) == 0, t);
    struct msg in;
    for (int i = 0; i < 2; i++) {
        struct nx_ret r = nx_recv((int)ep, &in, sizeof(in), 0, 0);
        CHECK(r.a0 == 10 && memeq(in.body, "0123456789", 10), r.a0);
    }
    return 0;
}

static int mode_vmo(void) {
    long v = nx_vmo_create(8192);
    CHECK(v >= 0, v);
    CHECK(nx_vmo_write((int)v, 0, "hello vmo", 10) == 0, 0);
    CHECK(nx_vmo_map((int)v, VA_A, NX_MAP_READ | NX_MAP_WRITE) == 0, 0);
    volatile char *a = (volatile char *)VA_A;
    CHECK(streq((const char *)a, "hello vmo"), a[0]);
    a[4096] = 'X'; a[4097] = 'Y'; a[4098] = 0;
    char buf[8];
    CHECK(nx_vmo_read((int)v, 4096, buf, 3) == 0 && streq(buf, "XY"), buf[0]);
    CHECK(nx_vmo_map((int)v, VA_A, NX_MAP_READ) == -NX_EBUSY, 0);   /* no double mapping */
    long ro = nx_cap_clone((int)v, NX_R_RECV | NX_R_MAP);
    CHECK(ro >= 0, ro);
    long r = nx_vmo_map((int)ro, VA_B, NX_MAP_READ | NX_MAP_WRITE);
    CHECK(r == -NX_EPERM, r);
    CHECK(nx_vmo_map((int)ro, VA_B, NX_MAP_READ) == 0, 0);
    CHECK(streq((const char *)VA_B, "hello vmo"), 0);
    /* share read-only with a child: endpoint to the child, the VMO cap moves inside a message */
    long ep = nx_ep_create(2);
    CHECK(ep >= 0, ep);
    struct nx_ret c = nx_spawn("utest", UTEST_VMO_CHILD, NX_QOS_NORMAL, (int)ep, NX_R_RECV);
    CHECK(c.a0 > 0 && c.a1 >= 0, c.a0);
    struct msg m = { { 0, 0, 0, 7, 0 }, "" };
    CHECK(nx_send((int)ep, &m, sizeof(m.h), (int)ro, 0, 0) == 0, 0);
    CHECK(nx_cap_info((int)ro).a0 == -NX_EBADCAP, 0);                 /* moved, not copied */
    struct nx_ret w = nx_wait(c.a0);
    CHECK(w.a0 == c.a0 && w.a1 == 0, w.a1);
    CHECK(nx_vmo_unmap(VA_A) == 0 && nx_vmo_unmap(VA_B) == 0, 0);
    CHECK(nx_vmo_unmap(VA_B) == -NX_EINVAL, 0);
    CHECK(nx_vmo_destroy((int)v) == 0, 0);
    CHECK(nx_cap_info((int)v).a0 == -NX_EBADCAP, 0);
    CHECK(nx_vmo_create(0) == -NX_EINVAL, 0);
    CHECK(nx_vmo_create(65 * 4096) == -NX_EINVAL, 0);          /* 64 pages at most */
    /* memory quota: 1024 pages per owner, and the destroyed VMO was refunded */
    int made = 0;
    long last;
    while ((last = nx_vmo_create(64 * 4096)) >= 0 && made < 40) made++;
    CHECK(made == 16 && last == -NX_ENOMEM, made);
    return 0;
}

static int mode_vmo_child(long ep) {
    struct msg m;
    struct nx_ret r = nx_recv((int)ep, &m, sizeof(m), 0, 0);
    CHECK(r.a0 == 0 && r.a1 >= 0 && (m.h.flags & NX_MSGF_CAP) && m.h.label == 7, r.a0);
    int v = (int)r.a1;
    struct nx_ret info = nx_cap_info(v);
    CHECK(info.a0 == NX_CAP_VMO && info.a1 == (NX_R_RECV | NX_R_MAP), info.a1);
    CHECK(nx_vmo_map(v, VA_C, NX_MAP_READ | NX_MAP_WRITE) == -NX_EPERM, 0);
    CHECK(nx_vmo_map(v, VA_C, NX_MAP_READ) == 0, 0);
    volatile const char *p = (volatile const char *)VA_C;
    CHECK(streq((const char *)p, "hello vmo") && p[4096] == 'X', p[0]);
    struct nx_ret self = nx_self();
    CHECK(m.h.sender_service == (uint32_t)self.a1, m.h.sender_service);   /* same image as the parent */
    return 0;
}

static int mode_timer(void) {
    long t = nx_timer_create();
    CHECK(t >= 0, t);
    for (int i = 0; i < 3; i++) {   /* several rounds: a loaded host may delay one past its deadline */
        uint64_t dl = nx_time_now() + 5000000;   /* 5 ms */
        CHECK(nx_timer_arm((int)t, dl) == 0, 0);
        CHECK(nx_timer_wait((int)t) == 0, 0);
        uint64_t now = nx_time_now();
        CHECK(now >= dl, (long)(dl - now));
        CHECK(nx_timer_wait((int)t) == -NX_EINVAL, 0);   /* one-shot: disarmed after firing */
    }
    return 0;
}

static int mode_irq(void) {
    /* slot 0: DeviceMmio for the ns16550a UART, slot 1: its Irq (installed by the kernel) */
    long ep = nx_ep_create(2);
    CHECK(ep >= 0, ep);
    CHECK(nx_irq_bind(1, (int)ep) == 0, 0);
    CHECK(nx_mmio_map(0, VA_A) == 0, 0);
    volatile uint8_t *uart = (volatile uint8_t *)VA_A;
    uart[1] = 0x02;   /* IER.ETBEI: THR empty raises an interrupt at once (16550 datasheet) */
    struct msg m;
    struct nx_ret r = nx_recv((int)ep, &m, sizeof(m), 0, nx_time_now() + 500000000ull);
    uart[1] = 0x00;
    CHECK(r.a0 == 4 && m.h.label == NX_LABEL_IRQ && m.h.sender_task == 0, r.a0);
    CHECK(nx_irq_complete(1) == 0, 0);
    return 0;
}

/* Burns CPU for a fixed amount of work without ever yielding or calling the kernel;
 * on a slow or loaded host it just takes longer (and gets preempted more). */
static void spin_work(unsigned long iters) {
    for (volatile unsigned long i = 0; i < iters; i++) {}
}

static uint32_t ret_insn[4] = { 0x00008067 };   /* `ret`, placed in a data page */

int main(long mode, long bootcap) {
    switch (mode) {
    case UTEST_CAPS: return mode_caps();
    case UTEST_IPC: return mode_ipc();
    case UTEST_IPC_CHILD: return mode_ipc_child(bootcap);
    case UTEST_VMO: return mode_vmo();
    case UTEST_VMO_CHILD: return mode_vmo_child(bootcap);
    case UTEST_TIMER: return mode_timer();
    case UTEST_IRQ: return mode_irq();
    case UTEST_FAULT_UNMAPPED: return *(volatile int *)(NX_USER_BASE + 0x30000000ull);
    case UTEST_FAULT_EXEC_DATA: ((void (*)(void))(uintptr_t)ret_insn)(); return 0;
    case UTEST_FAULT_BAD_CAP: nx_send(200, "x", 1, NX_NO_CAP, NX_IPC_NONBLOCK, 0); return 0;
    case UTEST_FAULT_STACK_GUARD: {
        volatile char *guard = (volatile char *)(NX_USER_STACK_TOP - (NX_USER_STACK_PAGES + 1) * 4096ull);
        *guard = 1;
        return 0;
    }
    case UTEST_SPIN: spin_work(4000000); return 0;
    case UTEST_SPIN_SHORT: spin_work(100000); return 0;
    default: return 99;
    }
}
