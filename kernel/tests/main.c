/* Host unit tests for the kernel's pure-logic files.
 * usage: unit-tests QEMU_VIRT_SMP2.dtb TEST.dtb INIT.elf ABI.md */
#include <stdlib.h>
#include "t.h"

int t_pass, t_fail;

void *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "cannot open %s\n", path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *p = malloc((size_t)n + 1);
    if (fread(p, 1, (size_t)n, f) != (size_t)n) { fprintf(stderr, "short read %s\n", path); exit(2); }
    ((char *)p)[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return p;
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: %s qemu.dtb test.dtb init.elf abi.md\n", argv[0]); return 2; }
    test_dtb(argv[1], argv[2]);
    test_elf(argv[3]);
    test_cap();
    test_ipcq();
    test_frame();
    test_heap();
    test_runq();
    test_abi(argv[4]);
    printf("%d passed, %d failed\n", t_pass, t_fail);
    return t_fail ? 1 : 0;
}
