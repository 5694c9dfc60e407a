/*
 * Capability table operations. Invariants:
 *  - an empty slot has kind NX_CAP_NONE, rights 0, obj NULL;
 *  - every occupied slot holds exactly one reference on its object;
 *  - rights of a derived capability are a subset of its source's.
 */
#include "k/cap.h"

static int valid_slot(int slot) { return slot >= 0 && slot < NX_CAP_SLOTS; }

static int free_slot(struct cap_table *t) {
    for (int i = 0; i < NX_CAP_SLOTS; i++)
        if (t->slot[i].kind == NX_CAP_NONE) return i;
    return -NX_ENOSPC;
}

void cap_table_init(struct cap_table *t) {
    for (int i = 0; i < NX_CAP_SLOTS; i++) {
        t->slot[i].kind = NX_CAP_NONE;
        t->slot[i].rights = 0;
        t->slot[i].obj = 0;
    }
}

int cap_insert(struct cap_table *t, int kind, int rights, void *obj) {
    if (kind == NX_CAP_NONE || !obj) return -NX_EINVAL;
    int s = free_slot(t);
    if (s < 0) return s;
    t->slot[s].kind = (uint8_t)kind;
    t->slot[s].rights = (uint8_t)(rights & NX_R_ALL);
    t->slot[s].obj = obj;
    cap_obj_ref(kind, obj, +1);
    return s;
}

int cap_lookup(struct cap_table *t, int slot, int kind, int rights, struct cap **out) {
    if (!valid_slot(slot)) return -NX_EBADCAP;
    struct cap *c = &t->slot[slot];
    if (c->kind == NX_CAP_NONE || (kind != NX_CAP_NONE && c->kind != kind)) return -NX_EBADCAP;
    if ((c->rights & rights) != rights) return -NX_EPERM;
    if (out) *out = c;
    return 0;
}

int cap_clone(struct cap_table *t, int slot, int rights) {
    return cap_transfer(t, slot, t, rights);
}

int cap_close(struct cap_table *t, int slot) {
    struct cap *c;
    int r = cap_lookup(t, slot, NX_CAP_NONE, 0, &c);
    if (r) return r;
    int kind = c->kind;
    void *obj = c->obj;
    c->kind = NX_CAP_NONE; c->rights = 0; c->obj = 0;
    cap_obj_ref(kind, obj, -1);
    return 0;
}

int cap_transfer(struct cap_table *src, int slot, struct cap_table *dst, int rights) {
    struct cap *c;
    int r = cap_lookup(src, slot, NX_CAP_NONE, 0, &c);
    if (r) return r;
    if (rights & ~c->rights) return -NX_EPERM;  /* never widen */
    return cap_insert(dst, c->kind, rights, c->obj);
}

int cap_take(struct cap_table *t, int slot, int rights, struct cap *out) {
    struct cap *c;
    int r = cap_lookup(t, slot, NX_CAP_NONE, 0, &c);
    if (r) return r;
    if (rights & ~c->rights) return -NX_EPERM;
    out->kind = c->kind;
    out->rights = (uint8_t)rights;
    out->obj = c->obj;
    c->kind = NX_CAP_NONE; c->rights = 0; c->obj = 0;
    return 0;
}

int cap_put(struct cap_table *t, const struct cap *c) {
    if (c->kind == NX_CAP_NONE) return -NX_EINVAL;
    int s = free_slot(t);
    if (s < 0) return s;
    t->slot[s] = *c;
    return s;
}

void cap_table_clear(struct cap_table *t) {
    for (int i = 0; i < NX_CAP_SLOTS; i++)
        if (t->slot[i].kind != NX_CAP_NONE) cap_close(t, i);
}
