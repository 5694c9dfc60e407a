/* ELF64 loader logic (RISC-V executables). Pure: validation and segment
 * iteration; the kernel's callback does the mapping. ELF-64 Object File Format 1.5. */
#ifndef K_ELF_H
#define K_ELF_H
#include <stdint.h>
#include <stddef.h>

#define ELF_PF_X 1u
#define ELF_PF_W 2u
#define ELF_PF_R 4u

struct elf_seg {
    uint64_t vaddr, memsz, filesz, offset;
    uint32_t flags;  /* ELF_PF_* */
};

enum { ELF_OK = 0, ELF_EBADHDR = -1, ELF_EARCH = -2, ELF_ETYPE = -3, ELF_ERANGE = -4,
       ELF_EWX = -5, ELF_EALIGN = -6, ELF_ENOSEG = -7 };

/* Validates an ELF64 little-endian RISC-V ET_EXEC image of `size` bytes whose
 * PT_LOAD segments lie within [lo, hi), are page aligned in vaddr-offset, are
 * not writable and executable at once, and have filesz <= memsz. On ELF_OK,
 * *entry is e_entry (itself inside an executable segment). */
int elf_check(const void *img, size_t size, uint64_t lo, uint64_t hi, uint64_t *entry);
/* Calls fn for each PT_LOAD segment (after a successful elf_check); stops at
 * the first non-zero return and returns it. */
int elf_for_each_load(const void *img, int (*fn)(void *ctx, const struct elf_seg *s), void *ctx);

#endif
