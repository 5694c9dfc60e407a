/* IPC queue bounds and quota accounting. */
#include <stdlib.h>
#include "t.h"
#include "k/ipcq.h"

static struct ipc_msg *mk(uint32_t len) {
    struct ipc_msg *m = calloc(1, sizeof(*m) + len);
    m->hdr.len = len;
    return m;
}

void test_ipcq(void) {
    struct ipc_limits l = { .ep_global = 3, .ep_owner = 2, .bytes_global = 1000, .bytes_owner = 600 };
    struct ipc_acct g = { 0, 0 }, o1 = { 0, 0 }, o2 = { 0, 0 };
    CHECK_EQ(ipc_ep_charge(&g, &o1, &l), 0);
    CHECK_EQ(ipc_ep_charge(&g, &o1, &l), 0);
    CHECK_EQ(ipc_ep_charge(&g, &o1, &l), -NX_ENOSPC);   /* per owner */
    CHECK_EQ(ipc_ep_charge(&g, &o2, &l), 0);
    CHECK_EQ(ipc_ep_charge(&g, &o2, &l), -NX_ENOSPC);   /* global */
    CHECK_EQ(g.endpoints, 3);
    ipc_ep_uncharge(&g, &o1);
    CHECK_EQ(ipc_ep_charge(&g, &o2, &l), 0);
    CHECK_EQ(o1.endpoints, 1); CHECK_EQ(o2.endpoints, 2);

    struct ipc_queue q;
    ipcq_init(&q, 3, &o1);
    CHECK(ipcq_pop(&q, &g) == 0);
    CHECK_EQ(ipcq_admit(&q, &g, &l, NX_MSG_MAX_PAYLOAD + 1), -NX_EMSGSIZE);
    struct ipc_msg *m[4];
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(ipcq_admit(&q, &g, &l, 10), 0);
        m[i] = mk(10);
        ipcq_push(&q, &g, m[i]);
    }
    CHECK_EQ(ipcq_admit(&q, &g, &l, 10), -NX_EAGAIN);   /* depth 3 reached */
    CHECK_EQ(q.bytes, 3 * (10 + 16));
    CHECK_EQ(o1.bytes, 3 * 26); CHECK_EQ(g.bytes, 3 * 26);
    CHECK(ipcq_pop(&q, &g) == m[0]);                     /* FIFO */
    CHECK(ipcq_pop(&q, &g) == m[1]);
    CHECK_EQ(ipcq_admit(&q, &g, &l, 10), 0);
    CHECK_EQ(ipcq_admit(&q, &g, &l, 600 - 26 - 16 + 1), -NX_EAGAIN);   /* owner byte quota */
    CHECK_EQ(ipcq_admit(&q, &g, &l, 600 - 26 - 16), 0);
    CHECK(ipcq_pop(&q, &g) == m[2]);
    CHECK(ipcq_pop(&q, &g) == 0);
    CHECK_EQ(q.bytes, 0); CHECK_EQ(o1.bytes, 0); CHECK_EQ(g.bytes, 0);

    /* global byte quota across owners */
    struct ipc_queue q2;
    ipcq_init(&q2, 8, &o2);
    m[3] = mk(500);
    ipcq_push(&q2, &g, m[3]);
    CHECK_EQ(ipcq_admit(&q, &g, &l, 500), -NX_EAGAIN);  /* 516 + 516 > 1000 */
    CHECK_EQ(ipcq_admit(&q, &g, &l, 400), 0);
    CHECK(ipcq_pop(&q2, &g) == m[3]);
    CHECK_EQ(g.bytes, 0);
    for (int i = 0; i < 4; i++) free(m[i]);
}
