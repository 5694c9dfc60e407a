/* DTB parser against (1) QEMU 7.2's own virt DTB (-smp 2 -m 256M), whose
 * values come from QEMU's hw/riscv/virt.c memory map, and (2) a hand-written
 * tests/test.dts; plus corrupt blobs that must be rejected. */
#include <stdlib.h>
#include "t.h"
#include "k/dtb.h"

static int has_virtio(const struct dtb_info *d, uint64_t base, uint32_t irq) {
    for (int i = 0; i < d->nvirtio; i++)
        if (d->virtio[i].base == base && d->virtio[i].size == 0x1000 && d->virtio_irq[i] == irq) return 1;
    return 0;
}

void test_dtb(const char *qemu_dtb, const char *test_dtb) {
    size_t len;
    uint8_t *b = read_file(qemu_dtb, &len);
    struct dtb_info d;
    size_t total = dtb_totalsize(b);   /* QEMU pads the dumped file; the header knows the real size */
    CHECK(total > 40 && total <= len);
    CHECK_EQ(dtb_parse(b, len, &d), DTB_OK);
    CHECK_EQ(dtb_parse(b, total, &d), DTB_OK);
    CHECK_EQ(d.nmem, 1);
    CHECK_EQ(d.mem[0].base, 0x80000000u);              /* VIRT_DRAM */
    CHECK_EQ(d.mem[0].size, 256u << 20);                /* -m 256M */
    CHECK_EQ(d.timebase_hz, 10000000);                  /* RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ */
    CHECK_EQ(d.nharts, 2);
    CHECK_EQ(d.harts[0].hartid + d.harts[1].hartid, 1); /* harts 0 and 1 */
    CHECK(d.harts[0].okay && d.harts[1].okay);
    CHECK(d.has_plic);
    CHECK_EQ(d.plic.base, 0x0c000000u);                 /* VIRT_PLIC */
    CHECK(d.plic_ndev >= 53);
    for (int h = 0; h < 2; h++)                         /* contexts: M = 2*hart, S = 2*hart+1 */
        CHECK_EQ(d.harts[h].plic_sctx, 2 * (int)d.harts[h].hartid + 1);
    CHECK(d.has_uart);
    CHECK_EQ(d.uart.base, 0x10000000u);                 /* VIRT_UART0 */
    CHECK_EQ(d.uart_irq, 10);                           /* UART0_IRQ */
    CHECK_EQ(d.nvirtio, 8);                             /* VIRTIO_COUNT */
    for (int i = 0; i < 8; i++) CHECK(has_virtio(&d, 0x10001000u + 0x1000u * i, 1 + i));   /* VIRTIO_IRQ + i */

    /* truncation anywhere must be caught, never overrun (ASan watches) */
    for (size_t cut = 0; cut < total; cut += total / 37 + 1) {
        uint8_t *c = malloc(cut + 1);
        memcpy(c, b, cut);
        CHECK(dtb_parse(c, cut, &d) != DTB_OK);
        free(c);
    }
    uint8_t save = b[0];
    b[0] ^= 0xff;
    CHECK_EQ(dtb_parse(b, len, &d), DTB_EBADMAGIC);
    CHECK_EQ(dtb_totalsize(b), 0);
    b[0] = save;
    free(b);

    b = read_file(test_dtb, &len);
    CHECK_EQ(dtb_parse(b, len, &d), DTB_OK);
    CHECK_EQ(d.timebase_hz, 1000000);
    CHECK(d.bootargs && !strcmp(d.bootargs, "console=x neuron.test=panic"));
    CHECK_EQ(d.nmem, 2);
    CHECK_EQ(d.mem[0].base, 0x40000000u); CHECK_EQ(d.mem[0].size, 0x1000000u);
    CHECK_EQ(d.mem[1].base, 0x60000000u); CHECK_EQ(d.mem[1].size, 0x800000u);
    CHECK_EQ(d.nresv, 2);
    CHECK_EQ(d.resv[0].base, 0x40000000u); CHECK_EQ(d.resv[0].size, 0x2000u);    /* /memreserve/ */
    CHECK_EQ(d.resv[1].base, 0x40000000u); CHECK_EQ(d.resv[1].size, 0x80000u);   /* reserved-memory */
    CHECK_EQ(d.nharts, 2);
    CHECK_EQ(d.harts[0].hartid, 3); CHECK(d.harts[0].okay); CHECK_EQ(d.harts[0].plic_sctx, 1);
    CHECK_EQ(d.harts[1].hartid, 5); CHECK(!d.harts[1].okay); CHECK_EQ(d.harts[1].plic_sctx, 3);
    CHECK(d.has_plic);
    CHECK_EQ(d.plic.base, 0x1000000u); CHECK_EQ(d.plic.size, 0x400000u); CHECK_EQ(d.plic_ndev, 31);
    CHECK(d.has_uart); CHECK_EQ(d.uart.base, 0x2000000u); CHECK_EQ(d.uart.size, 0x100u); CHECK_EQ(d.uart_irq, 7);
    CHECK_EQ(d.nvirtio, 1); CHECK_EQ(d.virtio[0].base, 0x3000000u); CHECK_EQ(d.virtio_irq[0], 4);

    /* an unknown structure token is an error */
    uint32_t off_struct = (uint32_t)b[8] << 24 | (uint32_t)b[9] << 16 | (uint32_t)b[10] << 8 | b[11];
    b[off_struct + 3] = 7;   /* FDT_BEGIN_NODE (1) -> 7 */
    CHECK_EQ(dtb_parse(b, len, &d), DTB_EBADTOKEN);
    free(b);
}
