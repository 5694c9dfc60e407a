/*
 * Endpoints and message passing. A message is copied into a kernel buffer at
 * send time (header stamped with the sender's task and service id, which the
 * sender cannot choose), queued on the endpoint's bounded FIFO and copied out
 * at receive time. At most one capability travels with a message: it is
 * moved out of the sender's table at send and into the receiver's at receive.
 * Quotas (k/ipcq.h) bound endpoints and queued bytes globally and per owner.
 */
#include "k/kernel.h"

struct ipc_acct ipc_global;
const struct ipc_limits ipc_limits = {
    .ep_global = 256, .ep_owner = 16,
    .bytes_global = 1u << 20, .bytes_owner = 128u << 10,
};
#define EP_MAX_DEPTH 64

struct endpoint *endpoint_new(struct task *owner, uint32_t depth, int *err) {
    if (depth == 0 || depth > EP_MAX_DEPTH) { *err = -NX_EINVAL; return 0; }
    struct ipc_acct *acct = &owner->ipc_acct;
    int r = ipc_ep_charge(&ipc_global, acct, &ipc_limits);
    if (r) { *err = r; return 0; }
    struct endpoint *ep = kmalloc(sizeof(*ep));
    if (!ep) { ipc_ep_uncharge(&ipc_global, acct); *err = -NX_ENOMEM; return 0; }
    ipcq_init(&ep->q, depth, acct);
    ep->owner_slot = (int)(owner - tasks);
    return ep;
}

/* Last reference gone: drop queued messages (and the caps inside them). */
void endpoint_destroy(struct endpoint *ep) {
    struct ipc_msg *m;
    while ((m = ipcq_pop(&ep->q, &ipc_global))) {
        if (m->cap.kind != NX_CAP_NONE) cap_obj_ref(m->cap.kind, m->cap.obj, -1);
        kfree(m);
    }
    ipc_ep_uncharge(&ipc_global, ep->q.owner);
    kfree(ep);
}

static void *recv_chan(struct endpoint *ep) { return &ep->q; }
static void *send_chan(struct endpoint *ep) { return ep; }

static uint64_t deadline_ticks(uint64_t deadline_ns) { return deadline_ns ? ns_to_ticks(deadline_ns) : 0; }

/* Waits for room; 0 when a message of len bytes may be queued. */
static int wait_room(struct endpoint *ep, uint32_t len, unsigned flags, uint64_t deadline_ns) {
    for (;;) {
        int r = ipcq_admit(&ep->q, &ipc_global, &ipc_limits, len);
        if (r != -NX_EAGAIN) return r;
        if (flags & NX_IPC_NONBLOCK) return -NX_EAGAIN;
        if (deadline_ns && now_ns() >= deadline_ns) return -NX_ETIMEDOUT;
        ep->refs++;   /* keep it alive while we sleep */
        r = sleep_on(send_chan(ep), deadline_ticks(deadline_ns));
        cap_obj_ref(NX_CAP_ENDPOINT, ep, -1);
        if (r) return r;
    }
}

/* Sends from task t (payload either in kernel memory payload_k or at user address payload_u). */
int ipc_send(struct task *t, struct endpoint *ep, const struct nx_msg_hdr *h, const void *payload_k,
             uint64_t payload_u, int cap_slot, unsigned flags, uint64_t deadline_ns) {
    if (h->len > NX_MSG_MAX_PAYLOAD) return -NX_EMSGSIZE;
    if (cap_slot != NX_NO_CAP) {
        int r = cap_lookup(&t->caps, cap_slot, NX_CAP_NONE, 0, 0);
        if (r) return r;
    }
    int r = wait_room(ep, h->len, flags, deadline_ns);
    if (r) return r;
    struct ipc_msg *m = kmalloc(sizeof(*m) + h->len);
    if (!m) return -NX_ENOMEM;
    if (payload_k) memcpy(m->data, payload_k, h->len);
    else if (copyin(t, m->data, payload_u, h->len)) { kfree(m); return -NX_EFAULT; }
    m->hdr.sender_task = t ? (uint32_t)t->tid : 0;
    m->hdr.sender_service = t ? t->sid : 0;
    m->hdr.len = h->len;
    m->hdr.label = h->label;
    m->hdr.flags = 0;
    m->cap.kind = NX_CAP_NONE;
    if (cap_slot != NX_NO_CAP) {
        /* the slot may have changed while we slept: take it now, or fail */
        struct cap *c;
        r = cap_lookup(&t->caps, cap_slot, NX_CAP_NONE, 0, &c);
        if (!r) r = cap_take(&t->caps, cap_slot, c->rights, &m->cap);
        if (r) { kfree(m); return r; }
        m->hdr.flags |= NX_MSGF_CAP;
    }
    ipcq_push(&ep->q, &ipc_global, m);
    wakeup(recv_chan(ep));
    return 0;
}

int ipc_kernel_post(struct endpoint *ep, uint16_t label, const void *data, uint32_t len) {
    struct nx_msg_hdr h = { 0, 0, len, label, 0 };
    return ipc_send(0, ep, &h, data, 0, NX_NO_CAP, NX_IPC_NONBLOCK, 0);
}

static bool has_free_slot(struct task *t) {
    for (int i = 0; i < NX_CAP_SLOTS; i++)
        if (t->caps.slot[i].kind == NX_CAP_NONE) return true;
    return false;
}

int ipc_recv(struct task *t, struct endpoint *ep, uint64_t buf_u, uint64_t buflen, unsigned flags,
             uint64_t deadline_ns, int *cap_slot_out) {
    *cap_slot_out = NX_NO_CAP;
    for (;;) {
        struct ipc_msg *m = ep->q.head;
        if (m) {
            if (buflen < sizeof(struct nx_msg_hdr) + m->hdr.len) return -NX_EMSGSIZE;
            if (m->cap.kind != NX_CAP_NONE && !has_free_slot(t)) return -NX_ENOSPC;
            if (copyout(t, buf_u, &m->hdr, sizeof(m->hdr)) ||
                copyout(t, buf_u + sizeof(m->hdr), m->data, m->hdr.len))
                return -NX_EFAULT;
            ipcq_pop(&ep->q, &ipc_global);
            if (m->cap.kind != NX_CAP_NONE) *cap_slot_out = cap_put(&t->caps, &m->cap);
            int len = (int)m->hdr.len;
            kfree(m);
            wakeup(send_chan(ep));
            return len;
        }
        if (flags & NX_IPC_NONBLOCK) return -NX_EAGAIN;
        if (deadline_ns && now_ns() >= deadline_ns) return -NX_ETIMEDOUT;
        ep->refs++;
        int r = sleep_on(recv_chan(ep), deadline_ticks(deadline_ns));
        cap_obj_ref(NX_CAP_ENDPOINT, ep, -1);
        if (r) return r;
    }
}
