/* Per-class FIFO run queues; see k/runq.h. */
#include "k/runq.h"

void rq_init(struct runq *q) {
    for (int c = 0; c < NX_QOS_CLASSES; c++) q->head[c] = q->tail[c] = 0;
    q->len = 0;
}

void rq_push(struct runq *q, struct rq_node *n) {
    int c = n->qos;
    n->next = 0;
    if (q->tail[c]) q->tail[c]->next = n; else q->head[c] = n;
    q->tail[c] = n;
    q->len++;
}

static struct rq_node *take(struct runq *q, bool unpinned_only) {
    for (int c = 0; c < NX_QOS_CLASSES; c++) {
        struct rq_node *prev = 0;
        for (struct rq_node *n = q->head[c]; n; prev = n, n = n->next) {
            if (unpinned_only && n->pinned) continue;
            if (prev) prev->next = n->next; else q->head[c] = n->next;
            if (q->tail[c] == n) q->tail[c] = prev;
            n->next = 0;
            q->len--;
            return n;
        }
    }
    return 0;
}

struct rq_node *rq_pop(struct runq *q) { return take(q, false); }
struct rq_node *rq_steal(struct runq *q) { return take(q, true); }
