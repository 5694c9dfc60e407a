/* SBI calls (RISC-V SBI spec v2.0): BASE, legacy console, DBCN, TIME, IPI,
 * RFENCE, HSM, SRST. Extensions are probed; OpenSBI 1.1 lacks DBCN, so the
 * console falls back to the legacy console_putchar (EID 0x01). */
#include "k/kernel.h"

#define EID_LEGACY_PUTCHAR 0x01
#define EID_BASE   0x10
#define EID_TIME   0x54494D45
#define EID_IPI    0x735049
#define EID_RFENCE 0x52464E43
#define EID_HSM    0x48534D
#define EID_SRST   0x53525354
#define EID_DBCN   0x4442434E

struct sbiret { long error, value; };

static struct sbiret sbi_call(long eid, long fid, unsigned long a0, unsigned long a1,
                              unsigned long a2, unsigned long a3, unsigned long a4) {
    register unsigned long r0 __asm__("a0") = a0;
    register unsigned long r1 __asm__("a1") = a1;
    register unsigned long r2 __asm__("a2") = a2;
    register unsigned long r3 __asm__("a3") = a3;
    register unsigned long r4 __asm__("a4") = a4;
    register unsigned long r6 __asm__("a6") = (unsigned long)fid;
    register unsigned long r7 __asm__("a7") = (unsigned long)eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7) : "memory");
    struct sbiret r = { (long)r0, (long)r1 };
    return r;
}

bool sbi_has_dbcn;
static bool has_time, has_ipi, has_rfence, has_hsm, has_srst;

static bool probe(long eid) { return sbi_call(EID_BASE, 3, (unsigned long)eid, 0, 0, 0, 0).value != 0; }

void sbi_init(void) {
    sbi_has_dbcn = probe(EID_DBCN);
    has_time = probe(EID_TIME);
    has_ipi = probe(EID_IPI);
    has_rfence = probe(EID_RFENCE);
    has_hsm = probe(EID_HSM);
    has_srst = probe(EID_SRST);
}

void sbi_putchar(int c) {
    if (sbi_has_dbcn) {
        sbi_call(EID_DBCN, 2, (unsigned long)(uint8_t)c, 0, 0, 0, 0);   /* write_byte */
        return;
    }
    sbi_call(EID_LEGACY_PUTCHAR, 0, (unsigned long)c, 0, 0, 0, 0);
}

void sbi_set_timer(uint64_t stime) {
    if (has_time) sbi_call(EID_TIME, 0, stime, 0, 0, 0, 0);
    else sbi_call(0x00, 0, stime, 0, 0, 0, 0);  /* legacy set_timer */
}

void sbi_send_ipi(unsigned long hart_mask, unsigned long hart_base) {
    if (has_ipi) { sbi_call(EID_IPI, 0, hart_mask, hart_base, 0, 0, 0); return; }
    unsigned long m = hart_mask << hart_base;   /* legacy send_ipi (EID 0x04) takes a pointer to the mask */
    sbi_call(0x04, 0, (unsigned long)&m, 0, 0, 0, 0);
}

long sbi_hart_start(unsigned long hartid, unsigned long addr, unsigned long opaque) {
    if (!has_hsm) return -2;  /* SBI_ERR_NOT_SUPPORTED */
    return sbi_call(EID_HSM, 0, hartid, addr, opaque, 0, 0).error;
}

void sbi_remote_sfence_vma_asid(unsigned long hart_mask, unsigned long base, unsigned long start,
                                unsigned long size, unsigned long asid) {
    if (has_rfence) { sbi_call(EID_RFENCE, 2, hart_mask, base, start, size, asid); return; }
    unsigned long m = hart_mask << base;        /* legacy remote_sfence_vma_asid (EID 0x07) */
    sbi_call(0x07, 0, (unsigned long)&m, start, size, asid, 0);
}

_Noreturn void sbi_shutdown(bool failure) {
    /* SRST system_reset: type 0 = shutdown, reason 0 = none, 1 = system failure */
    if (has_srst) sbi_call(EID_SRST, 0, 0, failure ? 1 : 0, 0, 0, 0);
    sbi_call(0x08, 0, 0, 0, 0, 0, 0);  /* legacy shutdown */
    for (;;) wfi();
}
