/* Spinlocks. The kernel runs under one big lock (see docs/kernel.md): it is
 * taken on every entry from user mode and by the idle loop, and released when
 * returning to user mode or going idle. Kernel code runs with interrupts off. */
#include "k/kernel.h"

struct spinlock big_lock = { 0, -1 };

void spin_lock(struct spinlock *l) {
    while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
        while (l->locked) __asm__ volatile("nop");
    }
    l->cpu = mycpu()->id;
}

void spin_unlock(struct spinlock *l) {
    l->cpu = -1;
    __atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}
