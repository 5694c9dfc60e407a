/* ELF checks: the real init.elf from the cross toolchain (its layout is fixed
 * by services/lib/user.ld: text RX at 0x20_0001_0000, then R, then RW) and
 * hand-built headers exercising each rejection. */
#include <stdlib.h>
#include "t.h"
#include "k/elf.h"

#define LO 0x2000000000ull
#define HI 0x3FFFFE0000ull

struct cnt { int n; uint32_t flags[8]; uint64_t vaddr[8]; };
static int count_seg(void *ctx, const struct elf_seg *s) {
    struct cnt *c = ctx;
    if (c->n < 8) { c->flags[c->n] = s->flags; c->vaddr[c->n] = s->vaddr; }
    c->n++;
    return 0;
}
static int stop_seg(void *ctx, const struct elf_seg *s) { (void)ctx; (void)s; return 42; }

/* builds a minimal ELF64 RISC-V ET_EXEC with one PT_LOAD */
static size_t build(uint8_t *b, uint16_t machine, uint16_t type, uint32_t pflags, uint64_t vaddr,
                    uint64_t off, uint64_t filesz, uint64_t memsz, uint64_t entry) {
    memset(b, 0, 4096);
    memcpy(b, "\177ELF", 4);
    b[4] = 2; b[5] = 1; b[6] = 1;
    memcpy(b + 16, &type, 2);
    memcpy(b + 18, &machine, 2);
    uint32_t ver = 1; memcpy(b + 20, &ver, 4);
    memcpy(b + 24, &entry, 8);
    uint64_t phoff = 64; memcpy(b + 32, &phoff, 8);
    uint16_t ehsize = 64, phentsize = 56, phnum = 1;
    memcpy(b + 52, &ehsize, 2); memcpy(b + 54, &phentsize, 2); memcpy(b + 56, &phnum, 2);
    uint8_t *ph = b + 64;
    uint32_t pt_load = 1;
    memcpy(ph, &pt_load, 4); memcpy(ph + 4, &pflags, 4);
    memcpy(ph + 8, &off, 8); memcpy(ph + 16, &vaddr, 8); memcpy(ph + 24, &vaddr, 8);
    memcpy(ph + 32, &filesz, 8); memcpy(ph + 40, &memsz, 8);
    return 4096;
}

void test_elf(const char *init_elf) {
    size_t len;
    uint8_t *img = read_file(init_elf, &len);
    uint64_t entry = 0;
    CHECK_EQ(elf_check(img, len, LO, HI, &entry), ELF_OK);
    CHECK_EQ(entry, 0x2000010000ull);
    struct cnt c = { 0, { 0 }, { 0 } };
    CHECK_EQ(elf_for_each_load(img, count_seg, &c), 0);
    CHECK(c.n >= 2 && c.n <= 3);
    CHECK_EQ(c.flags[0], ELF_PF_R | ELF_PF_X);
    CHECK_EQ(c.vaddr[0], 0x2000010000ull);
    for (int i = 0; i < c.n && i < 8; i++) CHECK(!((c.flags[i] & ELF_PF_W) && (c.flags[i] & ELF_PF_X)));
    CHECK_EQ(elf_for_each_load(img, stop_seg, 0), 42);
    CHECK_EQ(elf_check(img, len, 0x1000000000ull, 0x2000000000ull, &entry), ELF_ERANGE);   /* outside the window */
    CHECK(elf_check(img, 40, LO, HI, &entry) != ELF_OK);
    free(img);

    uint8_t *b = malloc(4096);
    size_t n = build(b, 243, 2, ELF_PF_R | ELF_PF_X, LO + 0x1000, 0x1000 % 4096, 0x100, 0x100, LO + 0x1000);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_OK);
    CHECK_EQ(entry, LO + 0x1000);
    build(b, 243, 2, ELF_PF_R | ELF_PF_W | ELF_PF_X, LO + 0x1000, 0, 0x100, 0x100, LO + 0x1000);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_EWX);
    build(b, 62 /* x86-64 */, 2, ELF_PF_R | ELF_PF_X, LO + 0x1000, 0, 0x100, 0x100, LO + 0x1000);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_EARCH);
    build(b, 243, 3 /* ET_DYN */, ELF_PF_R | ELF_PF_X, LO + 0x1000, 0, 0x100, 0x100, LO + 0x1000);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_ETYPE);
    build(b, 243, 2, ELF_PF_R | ELF_PF_X, LO + 0x1000, 0, 0x200, 0x100, LO + 0x1000);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_ERANGE);          /* filesz > memsz */
    build(b, 243, 2, ELF_PF_R | ELF_PF_X, LO + 0x1000, 0x800, 0x1000, 0x1000, LO + 0x1000);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_ERANGE);          /* file bytes beyond the image */
    build(b, 243, 2, ELF_PF_R | ELF_PF_X, 0x80000000ull, 0, 0x100, 0x100, 0x80000000ull);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_ERANGE);          /* kernel address */
    build(b, 243, 2, ELF_PF_R | ELF_PF_X, HI - 0x1000, 0, 0x100, 0x2000, HI - 0x1000);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_ERANGE);          /* runs past the window */
    build(b, 243, 2, ELF_PF_R | ELF_PF_X, LO + 0x1010, 0x20, 0x100, 0x100, LO + 0x1010);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_EALIGN);          /* vaddr % 4096 != offset % 4096 */
    build(b, 243, 2, ELF_PF_R | ELF_PF_W, LO + 0x1000, 0, 0x100, 0x100, LO + 0x1000);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_ERANGE);          /* entry not executable */
    build(b, 243, 2, ELF_PF_R | ELF_PF_X, LO + 0x1000, 0, 0x100, 0x100, LO + 0x1000);
    uint64_t bad_phoff = 4090; memcpy(b + 32, &bad_phoff, 8);
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_EBADHDR);         /* phdrs past the end */
    build(b, 243, 2, ELF_PF_R | ELF_PF_X, LO + 0x1000, 0, 0x100, 0x100, LO + 0x1000);
    b[4] = 1;   /* ELFCLASS32 */
    CHECK_EQ(elf_check(b, n, LO, HI, &entry), ELF_EBADHDR);
    free(b);
}
