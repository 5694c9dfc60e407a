/*
 * neuron ABI: the contract between the kernel and user services.
 * Shared by kernel/ and services/. docs/abi.md documents every item here;
 * the host test `test_abi` checks the two agree. Numbers are never reused:
 * a retired syscall keeps its number reserved forever.
 *
 * Calling convention (RISC-V, like Linux): a7 = syscall number, a0..a5 =
 * arguments, `ecall`. On return a0 = result (>= 0) or a negative NX_E* error,
 * a1 = a second result where documented. All other registers are preserved.
 */
#ifndef NEURON_ABI_H
#define NEURON_ABI_H

#include <stdint.h>

/* X(name, number) — the authoritative syscall table. */
#define NEURON_SYSCALLS(X)          \
    X(SYS_DEBUG_PUTS, 1)            \
    X(SYS_YIELD, 2)                 \
    X(SYS_EXIT, 3)                  \
    X(SYS_WAIT, 4)                  \
    X(SYS_SPAWN, 5)                 \
    X(SYS_TASK_SELF, 6)             \
    X(SYS_CAP_CLONE, 10)            \
    X(SYS_CAP_CLOSE, 11)            \
    X(SYS_CAP_INFO, 12)             \
    X(SYS_EP_CREATE, 20)            \
    X(SYS_SEND, 21)                 \
    X(SYS_RECV, 22)                 \
    X(SYS_VMO_CREATE, 30)           \
    X(SYS_VMO_WRITE, 31)            \
    X(SYS_VMO_READ, 32)             \
    X(SYS_VMO_MAP, 33)              \
    X(SYS_VMO_UNMAP, 34)            \
    X(SYS_VMO_DESTROY, 35)          \
    X(SYS_MMIO_MAP, 40)             \
    X(SYS_IRQ_BIND, 41)             \
    X(SYS_IRQ_COMPLETE, 42)         \
    X(SYS_TIME_NOW, 50)             \
    X(SYS_TIMER_CREATE, 51)         \
    X(SYS_TIMER_ARM, 52)            \
    X(SYS_TIMER_WAIT, 53)

#define NEURON_SYSCALL_ENUM(name, num) name = num,
enum neuron_syscall { NEURON_SYSCALLS(NEURON_SYSCALL_ENUM) };

/* X(name, value): errors, returned negated (-NX_EPERM). */
#define NEURON_ERRORS(X)   \
    X(NX_ENOSYS, 1)        \
    X(NX_EINVAL, 2)        \
    X(NX_EBADCAP, 3)       \
    X(NX_EPERM, 4)         \
    X(NX_ENOMEM, 5)        \
    X(NX_EAGAIN, 6)        \
    X(NX_ETIMEDOUT, 7)     \
    X(NX_EFAULT, 8)        \
    X(NX_ENOSPC, 9)        \
    X(NX_ECHILD, 10)       \
    X(NX_ENOENT, 11)       \
    X(NX_EBUSY, 12)        \
    X(NX_EMSGSIZE, 13)

#define NEURON_ERROR_ENUM(name, num) name = num,
enum neuron_error { NEURON_ERRORS(NEURON_ERROR_ENUM) };

/* X(name, value): capability kinds. */
#define NEURON_CAP_KINDS(X)    \
    X(NX_CAP_NONE, 0)          \
    X(NX_CAP_ENDPOINT, 1)      \
    X(NX_CAP_VMO, 2)           \
    X(NX_CAP_DEVICE_MMIO, 3)   \
    X(NX_CAP_IRQ, 4)           \
    X(NX_CAP_TIMER, 5)

#define NEURON_CAP_KIND_ENUM(name, num) name = num,
enum neuron_cap_kind { NEURON_CAP_KINDS(NEURON_CAP_KIND_ENUM) };

/* X(name, bit value): rights. A derived capability never has more rights. */
#define NEURON_RIGHTS(X)   \
    X(NX_R_SEND, 1)        \
    X(NX_R_RECV, 2)        \
    X(NX_R_MAP, 4)         \
    X(NX_R_MANAGE, 8)

#define NEURON_RIGHT_ENUM(name, num) name = num,
enum neuron_right { NEURON_RIGHTS(NEURON_RIGHT_ENUM) };
#define NX_R_ALL (NX_R_SEND | NX_R_RECV | NX_R_MAP | NX_R_MANAGE)

#define NX_CAP_SLOTS 256          /* slots per task: 0..255 */
#define NX_NO_CAP    (-1)         /* "no capability" in a slot argument */

/* IPC message: a 16-byte header followed by up to NX_MSG_MAX_PAYLOAD bytes. */
#define NX_MSG_MAX_PAYLOAD 8192u
struct nx_msg_hdr {
    uint32_t sender_task;    /* stamped by the kernel: sender's task id (0 = kernel) */
    uint32_t sender_service; /* stamped by the kernel: sender's service id (0 = kernel) */
    uint32_t len;            /* payload length in bytes, <= NX_MSG_MAX_PAYLOAD */
    uint16_t label;          /* free for the sender (kernel IRQ messages: NX_LABEL_IRQ) */
    uint16_t flags;          /* stamped by the kernel: NX_MSGF_CAP if a capability came along */
};
_Static_assert(sizeof(struct nx_msg_hdr) == 16, "nx_msg_hdr is 16 bytes");
#define NX_MSGF_CAP  1u
#define NX_LABEL_IRQ 0xFFFFu

/* Flags for SYS_SEND / SYS_RECV. */
#define NX_IPC_NONBLOCK 1u  /* fail with NX_EAGAIN instead of blocking */

/* SYS_VMO_MAP flags. */
#define NX_MAP_READ  1u
#define NX_MAP_WRITE 2u

/* QoS classes, highest first; strict priority between classes, round robin inside. */
#define NX_QOS_REALTIME   0
#define NX_QOS_INTERACTIVE 1
#define NX_QOS_NORMAL     2
#define NX_QOS_BACKGROUND 3
#define NX_QOS_CLASSES    4

/* Exit status reported by SYS_WAIT: 0..255 = SYS_EXIT code; a killed task
 * reports NX_EXIT_KILLED | reason. */
#define NX_EXIT_KILLED 0x1000
#define NEURON_KILL_REASONS(X)   \
    X(NX_KILL_LOAD_FAULT, 1)     \
    X(NX_KILL_STORE_FAULT, 2)    \
    X(NX_KILL_EXEC_FAULT, 3)     \
    X(NX_KILL_BAD_CAP, 4)        \
    X(NX_KILL_ILLEGAL, 5)        \
    X(NX_KILL_MISALIGNED, 6)

#define NEURON_KILL_ENUM(name, num) name = num,
enum neuron_kill { NEURON_KILL_REASONS(NEURON_KILL_ENUM) };

/* User address space window (Sv39). The kernel direct map (RAM, devices) must lie outside it. */
#define NX_USER_BASE      0x2000000000ull  /* 128 GiB: Sv39 root entries 128..255 */
#define NX_USER_TOP       0x4000000000ull  /* 256 GiB, exclusive (top of the Sv39 lower half) */
#define NX_USER_STACK_TOP 0x3FFFFF0000ull  /* initial sp; one unmapped guard page below the stack */
#define NX_USER_STACK_PAGES 4

#endif
