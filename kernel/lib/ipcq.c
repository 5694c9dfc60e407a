/* Bounded endpoint queues with byte and endpoint quotas; see k/ipcq.h. */
#include "k/ipcq.h"

int ipc_ep_charge(struct ipc_acct *global, struct ipc_acct *owner, const struct ipc_limits *l) {
    if (global->endpoints >= l->ep_global || owner->endpoints >= l->ep_owner) return -NX_ENOSPC;
    global->endpoints++;
    owner->endpoints++;
    return 0;
}

void ipc_ep_uncharge(struct ipc_acct *global, struct ipc_acct *owner) {
    global->endpoints--;
    owner->endpoints--;
}

void ipcq_init(struct ipc_queue *q, uint32_t depth, struct ipc_acct *owner) {
    q->head = q->tail = 0;
    q->count = 0;
    q->depth = depth;
    q->bytes = 0;
    q->owner = owner;
}

int ipcq_admit(const struct ipc_queue *q, const struct ipc_acct *global, const struct ipc_limits *l, uint32_t len) {
    if (len > NX_MSG_MAX_PAYLOAD) return -NX_EMSGSIZE;
    uint64_t cost = IPC_MSG_COST(len);
    if (q->count >= q->depth) return -NX_EAGAIN;
    if (global->bytes + cost > l->bytes_global || q->owner->bytes + cost > l->bytes_owner) return -NX_EAGAIN;
    return 0;
}

void ipcq_push(struct ipc_queue *q, struct ipc_acct *global, struct ipc_msg *m) {
    uint64_t cost = IPC_MSG_COST(m->hdr.len);
    m->next = 0;
    if (q->tail) q->tail->next = m; else q->head = m;
    q->tail = m;
    q->count++;
    q->bytes += cost;
    q->owner->bytes += cost;
    global->bytes += cost;
}

struct ipc_msg *ipcq_pop(struct ipc_queue *q, struct ipc_acct *global) {
    struct ipc_msg *m = q->head;
    if (!m) return 0;
    q->head = m->next;
    if (!q->head) q->tail = 0;
    uint64_t cost = IPC_MSG_COST(m->hdr.len);
    q->count--;
    q->bytes -= cost;
    q->owner->bytes -= cost;
    global->bytes -= cost;
    m->next = 0;
    return m;
}
