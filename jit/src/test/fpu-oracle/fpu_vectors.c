/*
 * QEMU FPU oracle guest. Reads test vectors placed at VEC by QEMU's generic loader:
 *   u64 count; then count records of 4 x u64: (op | rm << 8), a, b, c
 * executes the F/D instruction `op` with frm = rm on the raw 64-bit register values a, b, c
 * (binary32 operands must be NaN-boxed by the generator), and prints one line per vector on the
 * UART: the 64-bit destination register value and fflags, in hex. Then powers off via sifive_test.
 */
typedef unsigned long u64;
typedef unsigned int u32;

#define VEC ((volatile u64 *) 0x80200000UL)
#define UART ((volatile unsigned char *) 0x10000000UL)
#define TEST_FINISHER ((volatile u32 *) 0x100000UL)

static void putc_(char c) {
    while ((UART[5] & 0x20) == 0) {
    }
    UART[0] = (unsigned char) c;
}

static void puthex(u64 v, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
        putc_("0123456789abcdef"[(v >> (4 * i)) & 15]);
    }
}

/* f <- f op g (op h): raw 64-bit register values in and out. */
#define F3(insn) asm volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n fmv.d.x ft2, %3\n" insn " ft3, ft0, ft1, ft2\n fmv.x.d %0, ft3" \
                              : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3")
#define F2(insn) asm volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" insn " ft3, ft0, ft1\n fmv.x.d %0, ft3" \
                              : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft3")
#define F1(insn) asm volatile("fmv.d.x ft0, %1\n" insn " ft3, ft0\n fmv.x.d %0, ft3" : "=r"(r) : "r"(a) : "ft0", "ft3")
#define X2(insn) asm volatile("fmv.d.x ft0, %1\n fmv.d.x ft1, %2\n" insn " %0, ft0, ft1" : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1")
#define X1(insn) asm volatile("fmv.d.x ft0, %1\n" insn " %0, ft0" : "=r"(r) : "r"(a) : "ft0")
#define I1(insn) asm volatile(insn " ft3, %1\n fmv.x.d %0, ft3" : "=r"(r) : "r"(a) : "ft3")

static u64 run(u32 op, u64 a, u64 b, u64 c) {
    u64 r = 0;
    switch (op) {
    case 0: F2("fadd.s"); break;
    case 1: F2("fsub.s"); break;
    case 2: F2("fmul.s"); break;
    case 3: F2("fdiv.s"); break;
    case 4: F1("fsqrt.s"); break;
    case 5: F3("fmadd.s"); break;
    case 6: F3("fmsub.s"); break;
    case 7: F3("fnmsub.s"); break;
    case 8: F3("fnmadd.s"); break;
    case 9: F2("fmin.s"); break;
    case 10: F2("fmax.s"); break;
    case 11: X2("feq.s"); break;
    case 12: X2("flt.s"); break;
    case 13: X2("fle.s"); break;
    case 14: X1("fclass.s"); break;
    case 15: X1("fcvt.w.s"); break;
    case 16: X1("fcvt.wu.s"); break;
    case 17: X1("fcvt.l.s"); break;
    case 18: X1("fcvt.lu.s"); break;
    case 19: I1("fcvt.s.w"); break;
    case 20: I1("fcvt.s.wu"); break;
    case 21: I1("fcvt.s.l"); break;
    case 22: I1("fcvt.s.lu"); break;
    case 32: F2("fadd.d"); break;
    case 33: F2("fsub.d"); break;
    case 34: F2("fmul.d"); break;
    case 35: F2("fdiv.d"); break;
    case 36: F1("fsqrt.d"); break;
    case 37: F3("fmadd.d"); break;
    case 38: F3("fmsub.d"); break;
    case 39: F3("fnmsub.d"); break;
    case 40: F3("fnmadd.d"); break;
    case 41: F2("fmin.d"); break;
    case 42: F2("fmax.d"); break;
    case 43: X2("feq.d"); break;
    case 44: X2("flt.d"); break;
    case 45: X2("fle.d"); break;
    case 46: X1("fclass.d"); break;
    case 47: X1("fcvt.w.d"); break;
    case 48: X1("fcvt.wu.d"); break;
    case 49: X1("fcvt.l.d"); break;
    case 50: X1("fcvt.lu.d"); break;
    case 51: I1("fcvt.d.w"); break;
    case 52: I1("fcvt.d.wu"); break;
    case 53: I1("fcvt.d.l"); break;
    case 54: I1("fcvt.d.lu"); break;
    case 60: F1("fcvt.s.d"); break;
    case 61: F1("fcvt.d.s"); break;
    default: r = 0xdeadbeefdeadbeefUL; break;
    }
    return r;
}

int main(void) {
    u64 n = VEC[0];
    for (u64 i = 0; i < n; i++) {
        volatile u64 *v = VEC + 1 + 4 * i;
        u32 op = (u32) (v[0] & 0xff);
        u64 rm = (v[0] >> 8) & 7;
        u64 flags;
        asm volatile("csrw frm, %0\n csrw fflags, zero" : : "r"(rm));
        u64 r = run(op, v[1], v[2], v[3]);
        asm volatile("csrr %0, fflags" : "=r"(flags));
        puthex(r, 16);
        putc_(' ');
        puthex(flags, 2);
        putc_('\n');
    }
    *TEST_FINISHER = 0x5555;
    for (;;) {
    }
}
