/* Capability table: insertion, lookup by kind and rights, narrowing-only
 * derivation, transfer, move, and reference counting. */
#include "t.h"
#include "k/cap.h"

static int refs[4];   /* fake objects: their address names them, refs[i] counts */

void cap_obj_ref(int kind, void *obj, int delta) { (void)kind; *(int *)obj += delta; }

void test_cap(void) {
    static struct cap_table a, b;
    cap_table_init(&a);
    cap_table_init(&b);
    int s = cap_insert(&a, NX_CAP_ENDPOINT, NX_R_SEND | NX_R_RECV, &refs[0]);
    CHECK_EQ(s, 0);
    CHECK_EQ(refs[0], 1);
    struct cap *c = 0;
    CHECK_EQ(cap_lookup(&a, s, NX_CAP_ENDPOINT, NX_R_SEND, &c), 0);
    CHECK(c && c->obj == &refs[0]);
    CHECK_EQ(cap_lookup(&a, s, NX_CAP_VMO, 0, 0), -NX_EBADCAP);          /* wrong kind */
    CHECK_EQ(cap_lookup(&a, s, NX_CAP_ENDPOINT, NX_R_MAP, 0), -NX_EPERM); /* missing right */
    CHECK_EQ(cap_lookup(&a, 1, NX_CAP_NONE, 0, 0), -NX_EBADCAP);         /* empty */
    CHECK_EQ(cap_lookup(&a, -1, NX_CAP_NONE, 0, 0), -NX_EBADCAP);
    CHECK_EQ(cap_lookup(&a, NX_CAP_SLOTS, NX_CAP_NONE, 0, 0), -NX_EBADCAP);

    int n = cap_clone(&a, s, NX_R_SEND);
    CHECK_EQ(n, 1);
    CHECK_EQ(refs[0], 2);
    CHECK_EQ(cap_lookup(&a, n, NX_CAP_ENDPOINT, NX_R_RECV, 0), -NX_EPERM); /* narrowed really refuses */
    CHECK_EQ(cap_clone(&a, n, NX_R_SEND | NX_R_RECV), -NX_EPERM);          /* never widen */
    CHECK_EQ(cap_clone(&a, n, NX_R_MANAGE), -NX_EPERM);
    CHECK_EQ(refs[0], 2);

    int t = cap_transfer(&a, s, &b, NX_R_RECV);
    CHECK_EQ(t, 0);
    CHECK_EQ(b.slot[0].rights, NX_R_RECV);
    CHECK_EQ(refs[0], 3);
    CHECK_EQ(cap_transfer(&a, n, &b, NX_R_RECV), -NX_EPERM);

    struct cap moved;
    CHECK_EQ(cap_take(&a, n, NX_R_SEND, &moved), 0);
    CHECK_EQ(a.slot[n].kind, NX_CAP_NONE);
    CHECK_EQ(refs[0], 3);                                   /* the reference travels */
    int p = cap_put(&b, &moved);
    CHECK_EQ(p, 1);
    CHECK_EQ(b.slot[1].rights, NX_R_SEND);
    CHECK_EQ(cap_take(&a, s, NX_R_ALL, &moved), -NX_EPERM);

    CHECK_EQ(cap_close(&a, s), 0);
    CHECK_EQ(refs[0], 2);
    CHECK_EQ(cap_close(&a, s), -NX_EBADCAP);
    cap_table_clear(&b);
    CHECK_EQ(refs[0], 0);

    /* table full */
    for (int i = 0; i < NX_CAP_SLOTS; i++) CHECK_EQ(cap_insert(&a, NX_CAP_TIMER, NX_R_ALL, &refs[1]), i);
    CHECK_EQ(cap_insert(&a, NX_CAP_TIMER, NX_R_ALL, &refs[1]), -NX_ENOSPC);
    CHECK_EQ(cap_clone(&a, 3, NX_R_SEND), -NX_ENOSPC);
    CHECK_EQ(refs[1], NX_CAP_SLOTS);
    cap_table_clear(&a);
    CHECK_EQ(refs[1], 0);
    CHECK_EQ(cap_insert(&a, NX_CAP_NONE, 0, &refs[2]), -NX_EINVAL);
    CHECK_EQ(cap_insert(&a, NX_CAP_VMO, 0xFF, &refs[2]), 0);
    CHECK_EQ(a.slot[0].rights, NX_R_ALL);                   /* unknown right bits dropped */
    cap_table_clear(&a);
}
