/* Linked lists: build, insert sorted, reverse, traverse, delete — pointer chasing. */
#include "bench.h"
const char *const workload_name = "list";

#define NODES 4096
#define ROUNDS 120
struct node { struct node *next; uint64_t key; uint64_t pad; };
static struct node pool[NODES];

uint64_t workload_run(void) {
    uint64_t seed = 7, sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        struct node *head = 0;
        /* sorted insert of NODES/8 keys (quadratic walk), then push the rest */
        for (int i = 0; i < NODES; i++) {
            struct node *n = &pool[i];
            n->key = bench_rand(&seed) % 100000;
            if (i < NODES / 8) {
                struct node **pp = &head;
                while (*pp && (*pp)->key < n->key) pp = &(*pp)->next;
                n->next = *pp;
                *pp = n;
            } else {
                n->next = head;
                head = n;
            }
        }
        /* reverse */
        struct node *prev = 0;
        while (head) { struct node *nx = head->next; head->next = prev; prev = head; head = nx; }
        head = prev;
        /* delete every node whose key is odd */
        struct node **pp = &head;
        while (*pp) { if ((*pp)->key & 1) *pp = (*pp)->next; else pp = &(*pp)->next; }
        /* traverse */
        uint64_t h = 0, count = 0;
        for (struct node *n = head; n; n = n->next) { h = h * 1099511628211ULL ^ n->key; count++; }
        sum += h ^ (count << 40);
    }
    return sum;
}
