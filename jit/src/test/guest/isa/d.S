# RV64D: arithmetic, rounding modes (static and dynamic), flags, canonical NaN, fcvt saturation,
# single<->double conversion (NaN boxing of the single operand), fmin/fmax, fclass, fused ops.
#include "test.h"
#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01
#define ONE   0x3ff0000000000000
#define TWO   0x4000000000000000
#define THREE 0x4008000000000000
#define HALF  0x3fe0000000000000
#define MONE  0xbff0000000000000
#define PINF  0x7ff0000000000000
#define NINF  0xfff0000000000000
#define QNAN  0x7ff8000000000000
#define SNAN  0x7ff0000000000001
#define NZERO 0x8000000000000000
#define DMAX  0x7fefffffffffffff
#define SUBMIN 0x1

#define FOP(n, flags, res, a, b, c, inst...)                                \
  li TESTNUM, n;                                                            \
  li t0, a; fmv.d.x fa0, t0; li t0, b; fmv.d.x fa1, t0; li t0, c; fmv.d.x fa2, t0; \
  csrw fflags, zero; inst; fmv.x.d a0, fa3; csrr a1, fflags;                \
  li t2, res; bne a0, t2, test_fail; li t2, flags; bne a1, t2, test_fail
#define FOPX(n, flags, res, a, b, inst...)                                  \
  li TESTNUM, n;                                                            \
  li t0, a; fmv.d.x fa0, t0; li t0, b; fmv.d.x fa1, t0;                     \
  csrw fflags, zero; inst; csrr a1, fflags;                                 \
  li t2, res; bne a0, t2, test_fail; li t2, flags; bne a1, t2, test_fail
#define FOPI(n, flags, res, ival, inst...)                                  \
  li TESTNUM, n; li a1, ival;                                               \
  csrw fflags, zero; inst; fmv.x.d a0, fa3; csrr a1, fflags;                \
  li t2, res; bne a0, t2, test_fail; li t2, flags; bne a1, t2, test_fail

TEST_BEGIN("d")
  csrw fcsr, zero
  FOP(1, 0, THREE, ONE, TWO, 0, fadd.d fa3, fa0, fa1)
  FOP(2, 0, MONE, ONE, TWO, 0, fsub.d fa3, fa0, fa1)
  FOP(3, 0, 0x4018000000000000, THREE, TWO, 0, fmul.d fa3, fa0, fa1)
  FOP(4, 0, 0x3ff8000000000000, THREE, TWO, 0, fdiv.d fa3, fa0, fa1)
  FOP(5, NX, 0x3fd5555555555555, ONE, THREE, 0, fdiv.d fa3, fa0, fa1, rne)
  FOP(6, NX, 0x3fd5555555555555, ONE, THREE, 0, fdiv.d fa3, fa0, fa1, rtz)
  FOP(7, NX, 0x3fd5555555555555, ONE, THREE, 0, fdiv.d fa3, fa0, fa1, rdn)
  FOP(8, NX, 0x3fd5555555555556, ONE, THREE, 0, fdiv.d fa3, fa0, fa1, rup)
  FOP(9, NX, 0x3fd5555555555555, ONE, THREE, 0, fdiv.d fa3, fa0, fa1, rmm)
  FOP(10, NX, 0xbfd5555555555556, MONE, THREE, 0, fdiv.d fa3, fa0, fa1, rdn)
  FOP(11, NX, 0xbfd5555555555555, MONE, THREE, 0, fdiv.d fa3, fa0, fa1, rup)
  FOP(12, NX, ONE, ONE, 0x3ca0000000000000, 0, fadd.d fa3, fa0, fa1, rne)
  FOP(13, NX, 0x3ff0000000000001, ONE, 0x3ca0000000000000, 0, fadd.d fa3, fa0, fa1, rmm)
  FOP(14, NX, 0x3ff0000000000001, ONE, 0x3ca0000000000000, 0, fadd.d fa3, fa0, fa1, rup)
  csrwi frm, 3
  FOP(15, NX, 0x3fd5555555555556, ONE, THREE, 0, fdiv.d fa3, fa0, fa1)
  csrwi frm, 4
  FOP(16, NX, 0x3ff0000000000001, ONE, 0x3ca0000000000000, 0, fadd.d fa3, fa0, fa1)
  csrwi frm, 0
  # flags
  FOP(20, NV, QNAN, PINF, 0, 0, fmul.d fa3, fa0, fa1)
  FOP(21, DZ, NINF, MONE, 0, 0, fdiv.d fa3, fa0, fa1)
  FOP(22, OF|NX, PINF, DMAX, TWO, 0, fmul.d fa3, fa0, fa1)
  FOP(23, OF|NX, DMAX, DMAX, TWO, 0, fmul.d fa3, fa0, fa1, rdn)
  FOP(24, UF|NX, 0, SUBMIN, HALF, 0, fmul.d fa3, fa0, fa1)
  FOP(25, NV, QNAN, SNAN, ONE, 0, fadd.d fa3, fa0, fa1)
  FOP(26, 0, QNAN, 0xfff8000000001234, ONE, 0, fadd.d fa3, fa0, fa1)
  FOP(27, NV, QNAN, MONE, 0, 0, fsqrt.d fa3, fa0)
  FOP(28, NX, 0x3ff6a09e667f3bcd, TWO, 0, 0, fsqrt.d fa3, fa0)
  FOP(29, 0, NZERO, NZERO, 0, 0, fsqrt.d fa3, fa0)
  # fmin/fmax
  FOP(30, 0, NZERO, 0, NZERO, 0, fmin.d fa3, fa0, fa1)
  FOP(31, 0, 0, NZERO, 0, 0, fmax.d fa3, fa0, fa1)
  FOP(32, 0, ONE, QNAN, ONE, 0, fmax.d fa3, fa0, fa1)
  FOP(33, NV, ONE, ONE, SNAN, 0, fmin.d fa3, fa0, fa1)
  FOP(34, 0, QNAN, 0xfff8000000000000, QNAN, 0, fmin.d fa3, fa0, fa1)
  # sign injection
  FOP(35, 0, MONE, ONE, NZERO, 0, fsgnj.d fa3, fa0, fa1)
  FOP(36, 0, ONE, ONE, NZERO, 0, fsgnjn.d fa3, fa0, fa1)
  FOP(37, 0, ONE, MONE, NZERO, 0, fsgnjx.d fa3, fa0, fa1)
  # fused
  FOP(40, 0, 0x3c90000000000000, 0x3ff0000002000000, 0x3ff0000002000000, 0x3ff0000004000000, fmsub.d fa3, fa0, fa1, fa2)
  FOP(41, 0, 0x401c000000000000, TWO, THREE, ONE, fmadd.d fa3, fa0, fa1, fa2)
  FOP(42, 0, 0xc01c000000000000, TWO, THREE, ONE, fnmadd.d fa3, fa0, fa1, fa2)
  FOP(43, 0, 0xc014000000000000, TWO, THREE, ONE, fnmsub.d fa3, fa0, fa1, fa2)
  FOP(44, NV, QNAN, 0, NINF, QNAN, fmadd.d fa3, fa0, fa1, fa2)
  # to integer
  FOPX(50, NX, 2, 0x4004000000000000, 0, fcvt.w.d a0, fa0, rne)
  FOPX(51, NX, 3, 0x4004000000000000, 0, fcvt.w.d a0, fa0, rmm)
  FOPX(52, NX, -3, 0xc004000000000000, 0, fcvt.l.d a0, fa0, rdn)
  FOPX(53, NV, 0x7fffffff, 0x41e0000000000000, 0, fcvt.w.d a0, fa0, rtz)
  FOPX(54, 0, 0xffffffff80000000, 0xc1e0000000000000, 0, fcvt.w.d a0, fa0, rtz)
  FOPX(55, NV, 0x7fffffff, QNAN, 0, fcvt.w.d a0, fa0, rtz)
  FOPX(56, NX, 0xffffffffffffffff, 0x41effffffff00000, 0, fcvt.wu.d a0, fa0, rtz)
  FOPX(57, NV, 0xffffffffffffffff, 0x41f0000000000000, 0, fcvt.wu.d a0, fa0, rtz)
  FOPX(58, NV, 0x7fffffffffffffff, PINF, 0, fcvt.l.d a0, fa0, rtz)
  FOPX(59, 0, 0x8000000000000000, 0xc3e0000000000000, 0, fcvt.l.d a0, fa0, rtz)
  FOPX(60, NV, 0x8000000000000000, 0xc3e0000000000001, 0, fcvt.l.d a0, fa0, rtz)
  FOPX(61, NX, 0, 0xbfe0000000000000, 0, fcvt.lu.d a0, fa0, rtz)
  FOPX(62, NV, 0xffffffffffffffff, SNAN, 0, fcvt.lu.d a0, fa0, rtz)
  FOPX(63, NV, 0, NINF, 0, fcvt.lu.d a0, fa0, rtz)
  # from integer
  FOPI(70, 0, MONE, -1, fcvt.d.w fa3, a1)
  FOPI(71, 0, 0x41efffffffe00000, 0xffffffff, fcvt.d.wu fa3, a1)
  FOPI(72, NX, 0x43e0000000000000, 0x7fffffffffffffff, fcvt.d.l fa3, a1)
  FOPI(73, NX, 0x43f0000000000000, -1, fcvt.d.lu fa3, a1)
  FOPI(74, 0, 0xc1e0000000000000, 0x1234567880000000, fcvt.d.w fa3, a1)
  FOPI(75, NX, 0x43dfffffffffffff, 0x7ffffffffffffdff, fcvt.d.l fa3, a1, rtz)
  # single <-> double
  FOP(80, NX, 0xffffffff3eaaaaab, 0x3fd5555555555555, 0, 0, fcvt.s.d fa3, fa0)
  FOP(81, OF|NX, 0xffffffff7f800000, DMAX, 0, 0, fcvt.s.d fa3, fa0)
  FOP(82, NV, 0xffffffff7fc00000, SNAN, 0, 0, fcvt.s.d fa3, fa0)
  FOP(83, UF|NX, 0xffffffff00000000, 0x01a56e1fc2f8f359, 0, 0, fcvt.s.d fa3, fa0)
  FOP(84, 0, 0x3fd5555560000000, 0xffffffff3eaaaaab, 0, 0, fcvt.d.s fa3, fa0)
  FOP(85, NV, QNAN, 0xffffffff7f800001, 0, 0, fcvt.d.s fa3, fa0)
  FOP(86, 0, QNAN, 0x000000003f800000, 0, 0, fcvt.d.s fa3, fa0)   # unboxed single = canonical NaN
  FOP(87, 0, NZERO, 0xffffffff80000000, 0, 0, fcvt.d.s fa3, fa0)
  FOP(88, OF|NX, 0xffffffff7f7fffff, DMAX, 0, 0, fcvt.s.d fa3, fa0, rtz)
  # compares
  FOPX(90, 0, 1, NZERO, 0, feq.d a0, fa0, fa1)
  FOPX(91, 0, 0, QNAN, QNAN, feq.d a0, fa0, fa1)
  FOPX(92, NV, 0, SNAN, ONE, feq.d a0, fa0, fa1)
  FOPX(93, NV, 0, QNAN, ONE, flt.d a0, fa0, fa1)
  FOPX(94, NV, 0, ONE, QNAN, fle.d a0, fa0, fa1)
  FOPX(95, 0, 1, NINF, MONE, flt.d a0, fa0, fa1)
  FOPX(96, 0, 1, ONE, ONE, fle.d a0, fa0, fa1)
  # fclass
  FOPX(100, 0, 1 << 0, NINF, 0, fclass.d a0, fa0)
  FOPX(101, 0, 1 << 1, MONE, 0, fclass.d a0, fa0)
  FOPX(102, 0, 1 << 2, 0x800fffffffffffff, 0, fclass.d a0, fa0)
  FOPX(103, 0, 1 << 3, NZERO, 0, fclass.d a0, fa0)
  FOPX(104, 0, 1 << 4, 0, 0, fclass.d a0, fa0)
  FOPX(105, 0, 1 << 5, SUBMIN, 0, fclass.d a0, fa0)
  FOPX(106, 0, 1 << 6, DMAX, 0, fclass.d a0, fa0)
  FOPX(107, 0, 1 << 7, PINF, 0, fclass.d a0, fa0)
  FOPX(108, 0, 1 << 8, SNAN, 0, fclass.d a0, fa0)
  FOPX(109, 0, 1 << 9, QNAN, 0, fclass.d a0, fa0)
  # loads/stores and moves keep all 64 bits (even NaN payloads)
  TEST_CASE(110, a0, 0x7ff0000000000123, la a1, ddata; li a2, 0x7ff0000000000123; sd a2, 0(a1); fld fa0, 0(a1); fsd fa0, 8(a1); ld a0, 8(a1))
  TEST_CASE(111, a0, 0xfff0000000000456, li a1, 0xfff0000000000456; fmv.d.x fa0, a1; fmv.x.d a0, fa0)
TEST_END
  .data
  .align 3
ddata: .dword 0, 0
