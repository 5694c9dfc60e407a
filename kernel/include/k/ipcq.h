/* IPC queue and quota accounting (pure logic). An endpoint is a bounded FIFO
 * of messages; its owner (the creating task) is charged one endpoint and the
 * bytes queued on it, against per-owner and global limits. */
#ifndef K_IPCQ_H
#define K_IPCQ_H
#include <stdint.h>
#include <stddef.h>
#include "neuron/abi.h"
#include "k/cap.h"

struct ipc_acct { uint32_t endpoints; uint64_t bytes; };
struct ipc_limits { uint32_t ep_global, ep_owner; uint64_t bytes_global, bytes_owner; };

struct ipc_msg {
    struct ipc_msg *next;
    struct nx_msg_hdr hdr;
    struct cap cap;       /* kind NX_CAP_NONE when no capability travels */
    uint8_t data[];       /* hdr.len bytes */
};

struct ipc_queue {
    struct ipc_msg *head, *tail;
    uint32_t count, depth;
    uint64_t bytes;
    struct ipc_acct *owner;
};

#define IPC_MSG_COST(len) ((uint64_t)(len) + sizeof(struct nx_msg_hdr))

/* Endpoint creation quota: 0 or -NX_ENOSPC. */
int ipc_ep_charge(struct ipc_acct *global, struct ipc_acct *owner, const struct ipc_limits *l);
void ipc_ep_uncharge(struct ipc_acct *global, struct ipc_acct *owner);

void ipcq_init(struct ipc_queue *q, uint32_t depth, struct ipc_acct *owner);
/* Can a message of `len` payload bytes be queued now? 0, -NX_EMSGSIZE or -NX_EAGAIN (full / over quota). */
int ipcq_admit(const struct ipc_queue *q, const struct ipc_acct *global, const struct ipc_limits *l, uint32_t len);
/* Appends (after a successful ipcq_admit) and charges the bytes. */
void ipcq_push(struct ipc_queue *q, struct ipc_acct *global, struct ipc_msg *m);
/* Removes the oldest message and refunds its bytes; NULL if empty. */
struct ipc_msg *ipcq_pop(struct ipc_queue *q, struct ipc_acct *global);

#endif
