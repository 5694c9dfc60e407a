/* Run queues: class priority, FIFO order inside a class, stealing skips pinned nodes. */
#include "t.h"
#include "k/runq.h"

void test_runq(void) {
    struct runq q;
    struct rq_node n[8];
    rq_init(&q);
    CHECK(rq_pop(&q) == 0);
    CHECK(rq_steal(&q) == 0);
    int qos[8] = { 2, 2, 0, 3, 2, 1, 0, 3 };
    bool pin[8] = { false, true, true, false, false, false, false, true };
    for (int i = 0; i < 8; i++) { n[i].qos = qos[i]; n[i].pinned = pin[i]; rq_push(&q, &n[i]); }
    CHECK_EQ(q.len, 8);
    /* stealing: highest class first, pinned ones skipped: n6 (class 0; n2 is pinned) */
    CHECK(rq_steal(&q) == &n[6]);
    CHECK(rq_steal(&q) == &n[5]);       /* class 1 */
    CHECK(rq_steal(&q) == &n[0]);       /* class 2: n0 unpinned */
    CHECK(rq_steal(&q) == &n[4]);       /* n1 pinned, skipped from the middle */
    CHECK_EQ(q.len, 4);
    /* the class-2 tail must still be right after removing its last node */
    struct rq_node extra = { 0, 2, false };
    rq_push(&q, &extra);
    CHECK(rq_pop(&q) == &n[2]);         /* class 0, pinned is fine for the owner */
    CHECK(rq_pop(&q) == &n[1]);         /* class 2 FIFO: n1 then extra */
    CHECK(rq_pop(&q) == &extra);
    CHECK(rq_steal(&q) == &n[3]);       /* class 3: n3 unpinned, n7 pinned */
    CHECK(rq_steal(&q) == 0);
    CHECK(rq_pop(&q) == &n[7]);
    CHECK(rq_pop(&q) == 0);
    CHECK_EQ(q.len, 0);
    /* re-push after draining: FIFO again */
    rq_push(&q, &n[0]); rq_push(&q, &n[4]);
    CHECK(rq_pop(&q) == &n[0]);
    CHECK(rq_pop(&q) == &n[4]);
    CHECK(q.head[2] == 0 && q.tail[2] == 0);
}
