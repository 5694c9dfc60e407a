/* Run queues (pure logic): one FIFO per QoS class, strict priority between
 * classes (0 = highest). Used per hart by the scheduler. */
#ifndef K_RUNQ_H
#define K_RUNQ_H
#include <stdbool.h>
#include "neuron/abi.h"

struct rq_node {
    struct rq_node *next;
    int qos;      /* 0 .. NX_QOS_CLASSES-1 */
    bool pinned;  /* may not be stolen by another hart */
};

struct runq {
    struct rq_node *head[NX_QOS_CLASSES], *tail[NX_QOS_CLASSES];
    int len;
};

void rq_init(struct runq *q);
void rq_push(struct runq *q, struct rq_node *n);        /* at the tail of its class */
struct rq_node *rq_pop(struct runq *q);                 /* head of the highest non-empty class */
struct rq_node *rq_steal(struct runq *q);               /* like rq_pop, skipping pinned nodes */

#endif
