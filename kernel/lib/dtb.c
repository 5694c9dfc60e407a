/*
 * Flattened devicetree parser (Devicetree Specification v0.4, chapter 5).
 *
 * The blob is a header, a memory reservation block and a structure block of
 * big-endian tokens: BEGIN_NODE name, PROP (len, nameoff, value), END_NODE,
 * NOP, END. We walk the tokens once, keep for every open node the few
 * properties we care about, and interpret a node when it closes (properties
 * may come in any order, but always before child nodes). `reg` is decoded with
 * the parent's #address-cells/#size-cells (defaults 2 and 1, spec 2.3.5).
 * Every read is bounds-checked against the header's sizes and maxlen.
 */
#include "k/dtb.h"
#include "k/kstring.h"

#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP        4u
#define FDT_END        9u
#define MAX_DEPTH      16

static uint32_t be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint64_t cells(const uint8_t *p, uint32_t n) {
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++) v = (v << 32) | be32(p + 4 * i);
    return v;
}

struct node {
    const char *name;
    uint32_t ac, sc;                 /* #address-cells/#size-cells for children */
    const uint8_t *reg; uint32_t reg_len;
    const char *compat; uint32_t compat_len;
    const char *dtype; uint32_t dtype_len;
    const char *status; uint32_t status_len;
    const uint8_t *irqs; uint32_t irqs_len;
    const uint8_t *irqx; uint32_t irqx_len;
    uint32_t phandle, ndev, timebase;
    bool intc;                       /* has "interrupt-controller" */
    int hart;                        /* index into harts[] if this is a cpu node */
};

static bool str_in_list(const char *list, uint32_t len, const char *s) {
    uint32_t i = 0, n = (uint32_t)strlen(s);
    while (i < len) {
        uint32_t l = 0;
        while (i + l < len && list[i + l]) l++;
        if (l == n && memcmp(list + i, s, n) == 0) return true;
        i += l + 1;
    }
    return false;
}

static bool name_is(const char *name, const char *base) {
    size_t n = strlen(base);
    return strncmp(name, base, n) == 0 && (name[n] == 0 || name[n] == '@');
}

static void add_region(struct dtb_region *arr, int *n, int max, uint64_t b, uint64_t s) {
    if (*n < max && s) { arr[*n].base = b; arr[*n].size = s; (*n)++; }
}

/* Interprets a closing node; parent is the enclosing node (its cells decode reg). */
static void close_node(struct dtb_info *out, struct node *n, struct node *parent,
                       struct node *grand, int depth) {
    uint32_t ac = parent ? parent->ac : 2, sc = parent ? parent->sc : 1;
    uint32_t stride = 4 * (ac + sc);
    uint64_t rbase = 0, rsize = 0;
    if (n->reg && stride && n->reg_len >= stride) {
        rbase = cells(n->reg, ac);
        rsize = cells(n->reg + 4 * ac, sc);
    }
    bool is_mem = n->dtype && n->dtype_len >= 6 && strncmp(n->dtype, "memory", 6) == 0;
    if (depth == 1 && (is_mem || name_is(n->name, "memory")) && n->reg) {
        for (uint32_t off = 0; stride && off + stride <= n->reg_len; off += stride)
            add_region(out->mem, &out->nmem, DTB_MAX_MEM, cells(n->reg + off, ac),
                       cells(n->reg + off + 4 * ac, sc));
    }
    if (depth == 2 && parent && name_is(parent->name, "reserved-memory") && n->reg)
        add_region(out->resv, &out->nresv, DTB_MAX_RESV, rbase, rsize);
    if (depth == 1 && name_is(n->name, "cpus") && n->timebase && !out->timebase_hz)
        out->timebase_hz = n->timebase;
    bool is_cpu = n->dtype && n->dtype_len >= 3 && strncmp(n->dtype, "cpu", 3) == 0;
    if (is_cpu && depth == 2 && n->timebase && !out->timebase_hz) out->timebase_hz = n->timebase;
    /* the cpu's interrupt controller child: remember its phandle on the hart */
    if (n->intc && parent && parent->hart >= 0 && grand)
        out->harts[parent->hart].intc_phandle = n->phandle;
    if (n->compat) {
        if ((str_in_list(n->compat, n->compat_len, "riscv,plic0") ||
             str_in_list(n->compat, n->compat_len, "sifive,plic-1.0.0")) && !out->has_plic) {
            out->has_plic = true;
            out->plic.base = rbase; out->plic.size = rsize;
            out->plic_ndev = n->ndev;
            for (uint32_t off = 0; n->irqx && off + 8 <= n->irqx_len && out->nctx < DTB_MAX_CTX; off += 8) {
                out->ctx_phandle[out->nctx] = be32(n->irqx + off);
                out->ctx_cause[out->nctx] = be32(n->irqx + off + 4);
                out->nctx++;
            }
        } else if (str_in_list(n->compat, n->compat_len, "ns16550a") && !out->has_uart) {
            out->has_uart = true;
            out->uart.base = rbase; out->uart.size = rsize;
            out->uart_irq = n->irqs && n->irqs_len >= 4 ? be32(n->irqs) : 0;
        } else if (str_in_list(n->compat, n->compat_len, "virtio,mmio") && out->nvirtio < DTB_MAX_VIRTIO) {
            out->virtio[out->nvirtio].base = rbase;
            out->virtio[out->nvirtio].size = rsize;
            out->virtio_irq[out->nvirtio] = n->irqs && n->irqs_len >= 4 ? be32(n->irqs) : 0;
            out->nvirtio++;
        }
    }
}

uint32_t dtb_totalsize(const void *blob) {
    const uint8_t *b = blob;
    if (be32(b) != DTB_MAGIC) return 0;
    return be32(b + 4);
}

int dtb_parse(const void *blob, size_t maxlen, struct dtb_info *out) {
    const uint8_t *b = blob;
    memset(out, 0, sizeof(*out));
    if (maxlen < 40) return DTB_ETRUNC;
    if (be32(b) != DTB_MAGIC) return DTB_EBADMAGIC;
    uint32_t total = be32(b + 4), off_struct = be32(b + 8), off_strings = be32(b + 12);
    uint32_t off_rsv = be32(b + 16), size_strings = be32(b + 32), size_struct = be32(b + 36);
    if (total > maxlen || off_struct > total || size_struct > total - off_struct ||
        off_strings > total || size_strings > total - off_strings || off_rsv > total)
        return DTB_ETRUNC;

    /* memory reservation block: (address, size) pairs ending with (0, 0) */
    for (uint32_t o = off_rsv; o + 16 <= total; o += 16) {
        uint64_t a = cells(b + o, 2), s = cells(b + o + 8, 2);
        if (!a && !s) break;
        add_region(out->resv, &out->nresv, DTB_MAX_RESV, a, s);
    }

    struct node stack[MAX_DEPTH];
    int depth = -1;
    const uint8_t *p = b + off_struct, *end = p + size_struct;
    const char *strs = (const char *)b + off_strings;
    for (;;) {
        if (p + 4 > end) return DTB_ETRUNC;
        uint32_t tok = be32(p);
        p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            while (p < end && *p) p++;
            if (p >= end) return DTB_ETRUNC;
            p++;
            p = b + ((p - b + 3) & ~(uintptr_t)3);
            if (++depth >= MAX_DEPTH) return DTB_EDEPTH;
            struct node *n = &stack[depth];
            memset(n, 0, sizeof(*n));
            n->name = name; n->ac = 2; n->sc = 1; n->hart = -1;
        } else if (tok == FDT_END_NODE) {
            if (depth < 0) return DTB_EBADTOKEN;
            close_node(out, &stack[depth], depth > 0 ? &stack[depth - 1] : NULL,
                       depth > 1 ? &stack[depth - 2] : NULL, depth);
            depth--;
        } else if (tok == FDT_PROP) {
            if (p + 8 > end || depth < 0) return DTB_ETRUNC;
            uint32_t len = be32(p), nameoff = be32(p + 4);
            p += 8;
            if (len > (uint32_t)(end - p) || nameoff >= size_strings) return DTB_ETRUNC;
            const char *pname = strs + nameoff;
            const uint8_t *val = p;
            p = b + ((p + len - b + 3) & ~(uintptr_t)3);
            struct node *n = &stack[depth];
            if (!strcmp(pname, "#address-cells") && len == 4) n->ac = be32(val);
            else if (!strcmp(pname, "#size-cells") && len == 4) n->sc = be32(val);
            else if (!strcmp(pname, "reg")) { n->reg = val; n->reg_len = len; }
            else if (!strcmp(pname, "compatible")) { n->compat = (const char *)val; n->compat_len = len; }
            else if (!strcmp(pname, "device_type")) { n->dtype = (const char *)val; n->dtype_len = len; }
            else if (!strcmp(pname, "status")) { n->status = (const char *)val; n->status_len = len; }
            else if (!strcmp(pname, "interrupts")) { n->irqs = val; n->irqs_len = len; }
            else if (!strcmp(pname, "interrupts-extended")) { n->irqx = val; n->irqx_len = len; }
            else if (!strcmp(pname, "phandle") && len == 4) n->phandle = be32(val);
            else if (!strcmp(pname, "riscv,ndev") && len == 4) n->ndev = be32(val);
            else if (!strcmp(pname, "interrupt-controller")) n->intc = true;
            else if (!strcmp(pname, "bootargs") && depth == 1 && name_is(n->name, "chosen") && len > 0 &&
                     val[len - 1] == 0) out->bootargs = (const char *)val;
            else if (!strcmp(pname, "timebase-frequency") && len >= 4) n->timebase = (uint32_t)cells(val, len >= 8 ? 2 : 1);
            /* a cpu node is recognised as soon as device_type and reg are known */
            if (depth == 2 && n->hart < 0 && n->dtype && n->dtype_len >= 3 &&
                strncmp(n->dtype, "cpu", 3) == 0 && n->reg && n->reg_len >= 4 &&
                name_is(stack[1].name, "cpus") && out->nharts < DTB_MAX_HARTS) {
                struct dtb_hart *h = &out->harts[out->nharts];
                h->hartid = (uint32_t)cells(n->reg, stack[1].ac >= 1 && n->reg_len >= 4 * stack[1].ac ? stack[1].ac : 1);
                h->plic_sctx = -1;
                h->okay = true;
                n->hart = out->nharts++;
            }
            if (n->hart >= 0 && n->status)
                out->harts[n->hart].okay = n->status_len >= 4 && strncmp(n->status, "okay", 4) == 0;
        } else if (tok == FDT_NOP) {
            continue;
        } else if (tok == FDT_END) {
            break;
        } else {
            return DTB_EBADTOKEN;
        }
    }
    if (depth != -1) return DTB_ETRUNC;
    /* PLIC contexts: pair i targets intc phandle with cause 9 = S-mode external (priv spec 3.1.9) */
    for (int c = 0; c < out->nctx; c++)
        for (int h = 0; h < out->nharts; h++)
            if (out->ctx_cause[c] == 9 && out->harts[h].intc_phandle == out->ctx_phandle[c] &&
                out->harts[h].plic_sctx < 0)
                out->harts[h].plic_sctx = c;
    return DTB_OK;
}
