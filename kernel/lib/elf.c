/*
 * ELF64 executable checks for the boot-archive loader. Only what a static
 * RISC-V executable needs: the ELF header (e_ident, e_machine = 243 EM_RISCV,
 * e_type = ET_EXEC) and PT_LOAD program headers. Everything is range-checked
 * so a corrupt image is rejected, never followed.
 */
#include "k/elf.h"
#include "k/kstring.h"

#define EM_RISCV 243
#define ET_EXEC  2
#define PT_LOAD  1
#define PAGE     4096ull

struct ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

static void read_ph(const uint8_t *img, const struct ehdr *e, int i, struct phdr *ph) {
    memcpy(ph, img + e->phoff + (uint64_t)i * e->phentsize, sizeof(*ph));
}

int elf_check(const void *img, size_t size, uint64_t lo, uint64_t hi, uint64_t *entry) {
    const uint8_t *b = img;
    struct ehdr e;
    if (size < sizeof(e)) return ELF_EBADHDR;
    memcpy(&e, b, sizeof(e));
    if (memcmp(e.ident, "\177ELF", 4) != 0 || e.ident[4] != 2 /* ELFCLASS64 */ ||
        e.ident[5] != 1 /* little endian */ || e.ident[6] != 1)
        return ELF_EBADHDR;
    if (e.machine != EM_RISCV) return ELF_EARCH;
    if (e.type != ET_EXEC) return ELF_ETYPE;
    if (e.phentsize != sizeof(struct phdr) || e.phnum == 0 || e.phoff > size ||
        (uint64_t)e.phnum * e.phentsize > size - e.phoff)
        return ELF_EBADHDR;
    int nload = 0, entry_ok = 0;
    for (int i = 0; i < e.phnum; i++) {
        struct phdr ph;
        read_ph(b, &e, i, &ph);
        if (ph.type != PT_LOAD || ph.memsz == 0) continue;
        if (ph.filesz > ph.memsz || ph.offset > size || ph.filesz > size - ph.offset)
            return ELF_ERANGE;
        if (ph.vaddr < lo || ph.vaddr > hi || ph.memsz > hi - ph.vaddr) return ELF_ERANGE;
        if ((ph.vaddr % PAGE) != (ph.offset % PAGE)) return ELF_EALIGN;
        if ((ph.flags & ELF_PF_W) && (ph.flags & ELF_PF_X)) return ELF_EWX;
        if ((ph.flags & ELF_PF_X) && e.entry >= ph.vaddr && e.entry < ph.vaddr + ph.memsz) entry_ok = 1;
        nload++;
    }
    if (!nload) return ELF_ENOSEG;
    if (!entry_ok) return ELF_ERANGE;
    *entry = e.entry;
    return ELF_OK;
}

int elf_for_each_load(const void *img, int (*fn)(void *ctx, const struct elf_seg *s), void *ctx) {
    const uint8_t *b = img;
    struct ehdr e;
    memcpy(&e, b, sizeof(e));
    for (int i = 0; i < e.phnum; i++) {
        struct phdr ph;
        read_ph(b, &e, i, &ph);
        if (ph.type != PT_LOAD || ph.memsz == 0) continue;
        struct elf_seg s = { ph.vaddr, ph.memsz, ph.filesz, ph.offset, ph.flags };
        int r = fn(ctx, &s);
        if (r) return r;
    }
    return 0;
}
