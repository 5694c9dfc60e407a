/* Capability tables (seL4-style, simplified): each task owns NX_CAP_SLOTS
 * slots; a slot names a kernel object, its kind and the rights it grants.
 * Derived capabilities (clone, transfer) can only lose rights, never gain.
 * Pure logic; object lifetime goes through cap_obj_ref(), supplied by the
 * kernel (or by the host test). */
#ifndef K_CAP_H
#define K_CAP_H
#include <stdint.h>
#include "neuron/abi.h"

struct cap {
    uint8_t kind;    /* enum neuron_cap_kind; NX_CAP_NONE = empty slot */
    uint8_t rights;  /* NX_R_* bits */
    void *obj;
};

struct cap_table { struct cap slot[NX_CAP_SLOTS]; };

/* Supplied by the user of this module: adds delta (+1/-1) references to obj. */
void cap_obj_ref(int kind, void *obj, int delta);

void cap_table_init(struct cap_table *t);
/* Installs a new capability (takes a reference) in the lowest free slot. Returns slot or -NX_ENOSPC. */
int cap_insert(struct cap_table *t, int kind, int rights, void *obj);
/* Checks slot holds `kind` with all of `rights`: 0, -NX_EBADCAP (bad slot, empty, other kind) or -NX_EPERM. */
int cap_lookup(struct cap_table *t, int slot, int kind, int rights, struct cap **out);
/* New slot with rights & the original's; asking for a right the original lacks is -NX_EPERM. */
int cap_clone(struct cap_table *t, int slot, int rights);
int cap_close(struct cap_table *t, int slot);
/* Copies (narrowed) into another table, e.g. a child's; returns the destination slot. */
int cap_transfer(struct cap_table *src, int slot, struct cap_table *dst, int rights);
/* Moves out of a table (the reference travels with *out, e.g. inside a message). */
int cap_take(struct cap_table *t, int slot, int rights, struct cap *out);
/* Installs a capability taken with cap_take (no new reference). Returns slot or -NX_ENOSPC. */
int cap_put(struct cap_table *t, const struct cap *c);
/* Closes every slot. */
void cap_table_clear(struct cap_table *t);

#endif
