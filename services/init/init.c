/* init: the first service. For now it announces itself and exits 0. */
#include "nx.h"

int main(long arg, long bootcap) {
    (void)arg; (void)bootcap;
    nx_puts("init: start\n");
    return 0;
}
