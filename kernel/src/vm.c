/*
 * Sv39 virtual memory (privileged spec v1.12, 4.4). The kernel uses a direct
 * map with VA == PA (global, supervisor only) that is W^X too: the kernel
 * image is mapped with 4 KiB pages (text RX, rodata R, data/bss RW), the rest
 * of RAM with 2 MiB / 1 GiB RW pages, and the gigabytes holding the PLIC,
 * UART and virtio-mmio slots RW. User address spaces copy those root entries and add
 * 4 KiB user pages in the window [NX_USER_BASE, NX_USER_TOP), root indices
 * 4..7, which the kernel map must not touch. Each address space has its own
 * ASID when the hart implements them (probed), else the TLB is flushed on
 * every switch.
 */
#include "k/kernel.h"

#define VPN(va, level) (((va) >> (12 + 9 * (level))) & 0x1FF)
#define PTE2PA(p) (((p) >> 10) << 12)
#define PA2PTE(pa) (((pa) >> 12) << 10)
#define GIGA (1ull << 30)
#define USER_ROOT_LO VPN(NX_USER_BASE, 2)
#define USER_ROOT_HI VPN(NX_USER_TOP - 1, 2)

extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];
#define MEGA2 (1ull << 21)
#define KLEAF (PTE_V | PTE_G | PTE_A | PTE_D)

static pte_t *kernel_root;
uint64_t kernel_satp;
unsigned asid_bits;

static void map_giga(uint64_t pa, uint64_t perm) {
    uint64_t idx = VPN(pa, 2);
    if (pa >= (1ull << 38)) panic("address %lx outside Sv39 direct map", pa);
    if (idx >= USER_ROOT_LO && idx <= USER_ROOT_HI) panic("device/RAM at %lx collides with the user window", pa);
    if ((kernel_root[idx] & PTE_V) && !(kernel_root[idx] & (PTE_R | PTE_W | PTE_X))) {
        /* shares the kernel image's gigabyte: covered by a 2 MiB leaf there unless
           that range is the image itself (then already RW) */
        pte_t *l1 = (pte_t *)PTE2PA(kernel_root[idx]);
        if (!(l1[VPN(pa, 1)] & PTE_V)) l1[VPN(pa, 1)] = PA2PTE(pa & ~(MEGA2 - 1)) | perm | KLEAF;
        return;
    }
    if (kernel_root[idx] & PTE_V) return;
    kernel_root[idx] = PA2PTE(pa & ~(GIGA - 1)) | perm | PTE_V | PTE_G | PTE_A | PTE_D;
}


static uint64_t kimage_perm(uint64_t a) {
    if (a >= (uint64_t)__kernel_start && a < (uint64_t)__text_end) return PTE_R | PTE_X;
    if (a >= (uint64_t)__text_end && a < (uint64_t)__rodata_end) return PTE_R;
    return PTE_R | PTE_W;
}

/* The gigabyte holding the kernel image: 2 MiB RW leaves, except the 2 MiB
 * ranges overlapping the image, which get 4 KiB pages with section rights. */
static void map_kernel_giga(uint64_t giga) {
    uint64_t ks = (uint64_t)__kernel_start, ke = (uint64_t)__kernel_end;
    pte_t *l1 = (pte_t *)kframe_alloc();
    if (!l1) panic("no frame for the kernel page table");
    for (int j = 0; j < 512; j++) {
        uint64_t m = giga + (uint64_t)j * MEGA2;
        if (m + MEGA2 <= ks || m >= ke) { l1[j] = PA2PTE(m) | PTE_R | PTE_W | KLEAF; continue; }
        pte_t *l0 = (pte_t *)kframe_alloc();
        if (!l0) panic("no frame for the kernel page table");
        for (int k = 0; k < 512; k++) {
            uint64_t a = m + (uint64_t)k * 4096;
            l0[k] = PA2PTE(a) | kimage_perm(a) | KLEAF;
        }
        l1[j] = PA2PTE((uint64_t)l0) | PTE_V;
    }
    kernel_root[VPN(giga, 2)] = PA2PTE((uint64_t)l1) | PTE_V;
}

void vm_init(void) {
    kernel_root = (pte_t *)kframe_alloc();
    map_kernel_giga((uint64_t)__kernel_start & ~(GIGA - 1));
    for (int i = 0; i < boot_dtb.nmem; i++)
        for (uint64_t a = boot_dtb.mem[i].base & ~(GIGA - 1); a < boot_dtb.mem[i].base + boot_dtb.mem[i].size; a += GIGA)
            map_giga(a, PTE_R | PTE_W);
    if (boot_dtb.has_plic) map_giga(boot_dtb.plic.base, PTE_R | PTE_W);
    if (boot_dtb.has_uart) map_giga(boot_dtb.uart.base, PTE_R | PTE_W);
    for (int i = 0; i < boot_dtb.nvirtio; i++) map_giga(boot_dtb.virtio[i].base, PTE_R | PTE_W);
    kernel_satp = SATP_SV39 | ((uint64_t)kernel_root >> 12);
}

void vm_init_hart(void) {
    /* probe ASID width: write all ones, read back what sticks (spec 4.1.11) */
    csr_write(satp, kernel_satp | (0xFFFFull << 44));
    uint64_t got = (csr_read(satp) >> 44) & 0xFFFF;
    csr_write(satp, kernel_satp);
    sfence_vma_all();
    unsigned bits = 0;
    while (got & 1) { bits++; got >>= 1; }
    if (mycpu()->id == 0 || bits < asid_bits) asid_bits = bits;
}

uint64_t vm_satp(pte_t *root, unsigned asid) {
    return SATP_SV39 | ((uint64_t)asid << 44) | ((uint64_t)root >> 12);
}

pte_t *vm_create(void) {
    pte_t *root = (pte_t *)kframe_alloc();
    if (!root) return 0;
    for (int i = 0; i < 512; i++)
        if (i < (int)USER_ROOT_LO || i > (int)USER_ROOT_HI) root[i] = kernel_root[i];
    return root;
}

static pte_t *walk(pte_t *root, uint64_t va, bool alloc) {
    pte_t *pt = root;
    for (int level = 2; level > 0; level--) {
        pte_t *pte = &pt[VPN(va, level)];
        if (*pte & PTE_V) {
            if (*pte & (PTE_R | PTE_W | PTE_X)) return 0;   /* a superpage: not ours to split */
            pt = (pte_t *)PTE2PA(*pte);
        } else {
            if (!alloc) return 0;
            uint64_t f = kframe_alloc();
            if (!f) return 0;
            *pte = PA2PTE(f) | PTE_V;
            pt = (pte_t *)f;
        }
    }
    return &pt[VPN(va, 0)];
}

static bool user_va(uint64_t va) { return va >= NX_USER_BASE && va < NX_USER_TOP; }

int vm_map(pte_t *root, uint64_t va, uint64_t pa, uint64_t perm) {
    if (!user_va(va) || (va & 0xFFF) || (pa & 0xFFF)) return -NX_EINVAL;
    if ((perm & PTE_W) && (perm & PTE_X)) return -NX_EPERM;   /* W^X for user mappings */
    pte_t *pte = walk(root, va, true);
    if (!pte) return -NX_ENOMEM;
    if (*pte & PTE_V) return -NX_EBUSY;
    *pte = PA2PTE(pa) | perm | PTE_V | PTE_A | PTE_D;
    return 0;
}

uint64_t vm_unmap(pte_t *root, uint64_t va) {
    pte_t *pte = walk(root, va, false);
    if (!pte || !(*pte & PTE_V)) return 0;
    uint64_t pa = PTE2PA(*pte);
    *pte = 0;
    return pa;
}

uint64_t vm_user_pa(pte_t *root, uint64_t va, uint64_t need) {
    if (!user_va(va)) return 0;
    pte_t *pte = walk(root, va, false);
    if (!pte || !(*pte & PTE_V) || !(*pte & PTE_U) || (*pte & need) != need) return 0;
    return PTE2PA(*pte) | (va & 0xFFF);
}

void vm_destroy(pte_t *root) {
    for (uint64_t i = USER_ROOT_LO; i <= USER_ROOT_HI; i++) {
        if (!(root[i] & PTE_V)) continue;
        pte_t *l1 = (pte_t *)PTE2PA(root[i]);
        for (int j = 0; j < 512; j++) {
            if (!(l1[j] & PTE_V)) continue;
            pte_t *l0 = (pte_t *)PTE2PA(l1[j]);
            for (int k = 0; k < 512; k++)
                if ((l0[k] & PTE_V) && (l0[k] & PTE_OWNED)) kframe_free(PTE2PA(l0[k]));
            kframe_free((uint64_t)l0);
        }
        kframe_free((uint64_t)l1);
    }
    kframe_free((uint64_t)root);
}

void vm_flush_asid(unsigned asid, uint64_t va, uint64_t size) {
    if (asid_bits) sfence_vma_asid(asid); else sfence_vma_all();
    for (int i = 0; i < ncpus; i++)   /* TLB shootdown via SBI RFENCE, one hart at a time: any hartid */
        if (i != mycpu()->id && cpus[i].online) sbi_remote_sfence_vma_asid(1, cpus[i].hartid, va, size, asid);
}

int copyin(struct task *t, void *dst, uint64_t uva, uint64_t len) {
    uint8_t *d = dst;
    while (len) {
        uint64_t pa = vm_user_pa(t->pagetable, uva, PTE_R);
        if (!pa) return -NX_EFAULT;
        uint64_t n = 4096 - (uva & 0xFFF);
        if (n > len) n = len;
        memcpy(d, (void *)pa, n);
        d += n; uva += n; len -= n;
    }
    return 0;
}

int copyout(struct task *t, uint64_t uva, const void *src, uint64_t len) {
    const uint8_t *s = src;
    while (len) {
        uint64_t pa = vm_user_pa(t->pagetable, uva, PTE_W);
        if (!pa) return -NX_EFAULT;
        uint64_t n = 4096 - (uva & 0xFFF);
        if (n > len) n = len;
        memcpy((void *)pa, s, n);
        s += n; uva += n; len -= n;
    }
    return 0;
}
