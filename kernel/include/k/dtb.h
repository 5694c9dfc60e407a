/* Flattened devicetree (DTB) parser: pulls out what the kernel needs to boot.
 * Pure logic, compiled for the kernel and for host tests. Devicetree spec v0.4 ch. 5. */
#ifndef K_DTB_H
#define K_DTB_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define DTB_MAGIC      0xd00dfeedu
#define DTB_MAX_MEM    4
#define DTB_MAX_RESV   8
#define DTB_MAX_HARTS  8
#define DTB_MAX_VIRTIO 8
#define DTB_MAX_CTX    32

struct dtb_region { uint64_t base, size; };

struct dtb_hart {
    uint32_t hartid;
    uint32_t intc_phandle; /* phandle of the hart's riscv,cpu-intc */
    int plic_sctx;         /* PLIC context for S-mode external interrupts, -1 if none */
    bool okay;             /* status absent or "okay" */
};

struct dtb_info {
    struct dtb_region mem[DTB_MAX_MEM]; int nmem;
    struct dtb_region resv[DTB_MAX_RESV]; int nresv; /* /memreserve/ + /reserved-memory */
    uint64_t timebase_hz;
    const char *bootargs;  /* /chosen/bootargs inside the blob, or NULL */
    struct dtb_hart harts[DTB_MAX_HARTS]; int nharts;
    bool has_plic; struct dtb_region plic; uint32_t plic_ndev;
    bool has_uart; struct dtb_region uart; uint32_t uart_irq;
    struct dtb_region virtio[DTB_MAX_VIRTIO]; uint32_t virtio_irq[DTB_MAX_VIRTIO]; int nvirtio;
    /* internal: PLIC interrupts-extended pairs (phandle, cause) in context order */
    uint32_t ctx_phandle[DTB_MAX_CTX]; uint32_t ctx_cause[DTB_MAX_CTX]; int nctx;
};

enum { DTB_OK = 0, DTB_EBADMAGIC = -1, DTB_ETRUNC = -2, DTB_EBADTOKEN = -3, DTB_EDEPTH = -4 };

/* Total size from the header, or 0 if the magic is wrong. */
uint32_t dtb_totalsize(const void *blob);
/* Parses blob (at most maxlen bytes readable). Returns DTB_OK or a negative DTB_E*. */
int dtb_parse(const void *blob, size_t maxlen, struct dtb_info *out);

#endif
