# RV64F: arithmetic, the five static rounding modes and dynamic frm, every fflags flag, NaN boxing,
# canonical NaN, fcvt saturation, fmin/fmax of signed zeros and NaNs, fclass, fused multiply-add.
# fflags: NV=0x10 DZ=0x08 OF=0x04 UF=0x02 NX=0x01 (unprivileged spec 11.2).
#include "test.h"
#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01
#define ONE   0x3f800000
#define TWO   0x40000000
#define HALF  0x3f000000
#define THREE 0x40400000
#define PINF  0x7f800000
#define NINF  0xff800000
#define QNAN  0x7fc00000
#define SNAN  0x7f800001
#define NZERO 0x80000000
#define FMAX  0x7f7fffff
#define SUBMIN 0x00000001

/* fa0..fa2 <- a, b, c (boxed by fmv.w.x); run `inst` writing fa3; check bits (zero-extended) and fflags. */
#define FOP(n, flags, res, a, b, c, inst...)                                   \
  li TESTNUM, n;                                                            \
  li t0, a; fmv.w.x fa0, t0; li t0, b; fmv.w.x fa1, t0; li t0, c; fmv.w.x fa2, t0; \
  csrw fflags, zero; inst; fmv.x.w a0, fa3; zext.w a0, a0; csrr a1, fflags; \
  li t2, res; bne a0, t2, test_fail; li t2, flags; bne a1, t2, test_fail
/* Same with an integer result in a0. */
#define FOPX(n, flags, res, a, b, inst...)                                     \
  li TESTNUM, n;                                                            \
  li t0, a; fmv.w.x fa0, t0; li t0, b; fmv.w.x fa1, t0;                     \
  csrw fflags, zero; inst; csrr a1, fflags;                                 \
  li t2, res; bne a0, t2, test_fail; li t2, flags; bne a1, t2, test_fail
/* Integer source a1 -> fa3. */
#define FOPI(n, flags, res, ival, inst...)                                        \
  li TESTNUM, n; li a1, ival;                                               \
  csrw fflags, zero; inst; fmv.x.w a0, fa3; zext.w a0, a0; csrr a1, fflags; \
  li t2, res; bne a0, t2, test_fail; li t2, flags; bne a1, t2, test_fail

TEST_BEGIN("f")
  csrw fcsr, zero
  FOP(1, 0, THREE, ONE, TWO, 0, fadd.s fa3, fa0, fa1)
  FOP(2, 0, 0xbf800000, ONE, TWO, 0, fsub.s fa3, fa0, fa1)
  FOP(3, 0, 0x40c00000, THREE, TWO, 0, fmul.s fa3, fa0, fa1)
  FOP(4, 0, 0x3fc00000, THREE, TWO, 0, fdiv.s fa3, fa0, fa1)
  # 1/3 in all five static rounding modes, and -1/3
  FOP(5, NX, 0x3eaaaaab, ONE, THREE, 0, fdiv.s fa3, fa0, fa1, rne)
  FOP(6, NX, 0x3eaaaaaa, ONE, THREE, 0, fdiv.s fa3, fa0, fa1, rtz)
  FOP(7, NX, 0x3eaaaaaa, ONE, THREE, 0, fdiv.s fa3, fa0, fa1, rdn)
  FOP(8, NX, 0x3eaaaaab, ONE, THREE, 0, fdiv.s fa3, fa0, fa1, rup)
  FOP(9, NX, 0x3eaaaaab, ONE, THREE, 0, fdiv.s fa3, fa0, fa1, rmm)
  FOP(10, NX, 0xbeaaaaab, 0xbf800000, THREE, 0, fdiv.s fa3, fa0, fa1, rne)
  FOP(11, NX, 0xbeaaaaaa, 0xbf800000, THREE, 0, fdiv.s fa3, fa0, fa1, rtz)
  FOP(12, NX, 0xbeaaaaab, 0xbf800000, THREE, 0, fdiv.s fa3, fa0, fa1, rdn)
  FOP(13, NX, 0xbeaaaaaa, 0xbf800000, THREE, 0, fdiv.s fa3, fa0, fa1, rup)
  # a tie: 1 + 2^-24 -> RNE keeps 1.0 (even), RMM rounds away
  FOP(14, NX, ONE, ONE, 0x33800000, 0, fadd.s fa3, fa0, fa1, rne)
  FOP(15, NX, 0x3f800001, ONE, 0x33800000, 0, fadd.s fa3, fa0, fa1, rmm)
  # dynamic rounding from frm
  csrwi frm, 1
  FOP(16, NX, 0x3eaaaaaa, ONE, THREE, 0, fdiv.s fa3, fa0, fa1)
  csrwi frm, 3
  FOP(17, NX, 0x3eaaaaab, ONE, THREE, 0, fdiv.s fa3, fa0, fa1)
  csrwi frm, 4
  FOP(18, NX, 0x3f800001, ONE, 0x33800000, 0, fadd.s fa3, fa0, fa1)
  csrwi frm, 2
  FOP(19, NX, 0xbeaaaaab, 0xbf800000, THREE, 0, fdiv.s fa3, fa0, fa1)
  csrwi frm, 0
  # fcsr layout: frm in bits 7:5, fflags in 4:0
  TEST_CASE(20, a0, 0x65, csrwi fflags, 5; csrwi frm, 3; csrr a0, fcsr)
  TEST_CASE(21, a0, 0x7, li a1, 0xff; csrw fcsr, a1; csrr a0, frm)
  TEST_CASE(22, a0, 0x1f, csrr a0, fflags)
  TEST_CASE(23, a0, 0xff, csrr a0, fcsr)
  csrw fcsr, zero
  # every flag
  FOP(24, NV, QNAN, PINF, 0, 0, fmul.s fa3, fa0, fa1)
  FOP(25, DZ, PINF, ONE, 0, 0, fdiv.s fa3, fa0, fa1)
  FOP(26, DZ, NINF, ONE, NZERO, 0, fdiv.s fa3, fa0, fa1)
  FOP(27, OF|NX, PINF, FMAX, TWO, 0, fmul.s fa3, fa0, fa1)
  FOP(28, OF|NX, FMAX, FMAX, TWO, 0, fmul.s fa3, fa0, fa1, rtz)
  FOP(29, UF|NX, 0, SUBMIN, HALF, 0, fmul.s fa3, fa0, fa1)
  FOP(30, UF|NX, SUBMIN, SUBMIN, HALF, 0, fmul.s fa3, fa0, fa1, rup)
  FOP(31, 0, 0x00400000, 0x00800000, HALF, 0, fmul.s fa3, fa0, fa1)   # exact subnormal: no UF
  FOP(32, NV, QNAN, 0, 0, 0, fdiv.s fa3, fa0, fa1)
  FOP(33, NV, QNAN, PINF, PINF, 0, fsub.s fa3, fa0, fa1)
  # NaN propagation: results are the canonical NaN; sNaN raises NV, qNaN doesn't
  FOP(34, NV, QNAN, SNAN, ONE, 0, fadd.s fa3, fa0, fa1)
  FOP(35, 0, QNAN, 0xffc12345, ONE, 0, fadd.s fa3, fa0, fa1)
  FOP(36, NV, QNAN, 0xbf800000, 0, 0, fsqrt.s fa3, fa0)
  FOP(37, 0, NZERO, NZERO, 0, 0, fsqrt.s fa3, fa0)
  FOP(38, 0, TWO, 0x40800000, 0, 0, fsqrt.s fa3, fa0)
  FOP(39, NX, 0x3fb504f3, TWO, 0, 0, fsqrt.s fa3, fa0)
  # fmin/fmax: signed zeros, NaNs (IEEE 754-2008 minNum/maxNum, spec 11.6)
  FOP(40, 0, NZERO, 0, NZERO, 0, fmin.s fa3, fa0, fa1)
  FOP(41, 0, NZERO, NZERO, 0, 0, fmin.s fa3, fa0, fa1)
  FOP(42, 0, 0, NZERO, 0, 0, fmax.s fa3, fa0, fa1)
  FOP(43, 0, 0, 0, NZERO, 0, fmax.s fa3, fa0, fa1)
  FOP(44, 0, ONE, QNAN, ONE, 0, fmin.s fa3, fa0, fa1)
  FOP(45, NV, ONE, SNAN, ONE, 0, fmax.s fa3, fa0, fa1)
  FOP(46, 0, QNAN, 0xffc00001, QNAN, 0, fmin.s fa3, fa0, fa1)
  FOP(47, NV, QNAN, SNAN, SNAN, 0, fmax.s fa3, fa0, fa1)
  # sign injection (no flags, NaNs untouched)
  FOP(48, 0, 0xbf800000, ONE, NZERO, 0, fsgnj.s fa3, fa0, fa1)
  FOP(49, 0, ONE, ONE, NZERO, 0, fsgnjn.s fa3, fa0, fa1)
  FOP(50, 0, ONE, 0xbf800000, NZERO, 0, fsgnjx.s fa3, fa0, fa1)
  FOP(51, 0, 0xff800001, SNAN, SNAN, 0, fsgnjn.s fa3, fa0, fa1)
  # fused multiply-add: one rounding; inf*0 + qNaN is invalid
  FOP(52, 0, 0x33800000, 0x3f800800, 0x3f800800, 0x3f801000, fmsub.s fa3, fa0, fa1, fa2)
  FOP(53, 0, 0x40e00000, TWO, THREE, ONE, fmadd.s fa3, fa0, fa1, fa2)
  FOP(54, 0, 0xc0e00000, TWO, THREE, ONE, fnmadd.s fa3, fa0, fa1, fa2)
  FOP(55, 0, 0xc0a00000, TWO, THREE, ONE, fnmsub.s fa3, fa0, fa1, fa2)
  FOP(56, 0, 0x40a00000, TWO, THREE, ONE, fmsub.s fa3, fa0, fa1, fa2)
  FOP(57, NV, QNAN, PINF, 0, QNAN, fmadd.s fa3, fa0, fa1, fa2)
  FOP(58, NV, QNAN, PINF, ONE, NINF, fmadd.s fa3, fa0, fa1, fa2)
  # conversions to integer: rounding and saturation (spec table 11.4)
  FOPX(60, NX, 2, 0x40200000, 0, fcvt.w.s a0, fa0, rne)
  FOPX(61, NX, 3, 0x40200000, 0, fcvt.w.s a0, fa0, rmm)
  FOPX(62, NX, 3, 0x40200000, 0, fcvt.w.s a0, fa0, rup)
  FOPX(63, NX, -3, 0xc0200000, 0, fcvt.w.s a0, fa0, rdn)
  FOPX(64, NX, -2, 0xc0200000, 0, fcvt.w.s a0, fa0, rtz)
  FOPX(65, NV, 0x7fffffff, QNAN, 0, fcvt.w.s a0, fa0, rtz)
  FOPX(66, NV, 0x7fffffff, PINF, 0, fcvt.w.s a0, fa0, rtz)
  FOPX(67, NV, 0xffffffff80000000, NINF, 0, fcvt.w.s a0, fa0, rtz)
  FOPX(68, NV, 0x7fffffff, 0x4f32d05e, 0, fcvt.w.s a0, fa0, rtz)
  FOPX(69, NV, 0, 0xbf800000, 0, fcvt.wu.s a0, fa0, rtz)
  FOPX(70, NX, 0, 0xbf000000, 0, fcvt.wu.s a0, fa0, rtz)
  FOPX(71, NV, 0xffffffffffffffff, QNAN, 0, fcvt.wu.s a0, fa0, rtz)
  FOPX(72, 0, 0xffffffff80000000, 0x4f000000, 0, fcvt.wu.s a0, fa0, rtz)   # 2^31 sign-extended
  FOPX(73, NV, 0x7fffffffffffffff, 0x5f0ac723, 0, fcvt.l.s a0, fa0, rtz)
  FOPX(74, NV, 0x8000000000000000, NINF, 0, fcvt.l.s a0, fa0, rtz)
  FOPX(75, 0, 0x8000000000000000, 0xdf000000, 0, fcvt.l.s a0, fa0, rtz)    # exactly -2^63
  FOPX(76, NV, 0, NINF, 0, fcvt.lu.s a0, fa0, rtz)
  FOPX(77, NV, 0xffffffffffffffff, SNAN, 0, fcvt.lu.s a0, fa0, rtz)
  FOPX(78, 0, 0x8000000000000000, 0x5f000000, 0, fcvt.lu.s a0, fa0, rtz)
  # integer -> single
  FOPI(80, 0, 0xcf000000, 0xffffffff80000000, fcvt.s.w fa3, a1)
  FOPI(81, NX, 0x4f000000, 0x7fffffff, fcvt.s.w fa3, a1)
  FOPI(82, NX, 0x4effffff, 0x7fffffff, fcvt.s.w fa3, a1, rtz)
  FOPI(83, NX, 0x4f800000, 0xffffffff, fcvt.s.wu fa3, a1)
  FOPI(84, 0, 0xbf800000, -1, fcvt.s.l fa3, a1)
  FOPI(85, NX, 0x5f800000, -1, fcvt.s.lu fa3, a1)
  FOPI(86, 0, NZERO & 0, 0, fcvt.s.w fa3, a1)                                   # +0
  FOPI(87, 0, 0x3f800000, 0x1234567800000001, fcvt.s.wu fa3, a1)                 # upper bits ignored
  # compares: quiet (feq) vs signaling (flt/fle)
  FOPX(90, 0, 1, 0, NZERO, feq.s a0, fa0, fa1)
  FOPX(91, 0, 0, QNAN, ONE, feq.s a0, fa0, fa1)
  FOPX(92, NV, 0, SNAN, ONE, feq.s a0, fa0, fa1)
  FOPX(93, NV, 0, QNAN, ONE, flt.s a0, fa0, fa1)
  FOPX(94, NV, 0, ONE, QNAN, fle.s a0, fa0, fa1)
  FOPX(95, 0, 1, NINF, 0xff7fffff, flt.s a0, fa0, fa1)
  FOPX(96, 0, 1, NZERO, 0, fle.s a0, fa0, fa1)
  FOPX(97, 0, 0, NZERO, 0, flt.s a0, fa0, fa1)
  # fclass: one bit per class
  FOPX(100, 0, 1 << 0, NINF, 0, fclass.s a0, fa0)
  FOPX(101, 0, 1 << 1, 0xbf800000, 0, fclass.s a0, fa0)
  FOPX(102, 0, 1 << 2, 0x80000001, 0, fclass.s a0, fa0)
  FOPX(103, 0, 1 << 3, NZERO, 0, fclass.s a0, fa0)
  FOPX(104, 0, 1 << 4, 0, 0, fclass.s a0, fa0)
  FOPX(105, 0, 1 << 5, 0x007fffff, 0, fclass.s a0, fa0)
  FOPX(106, 0, 1 << 6, FMAX, 0, fclass.s a0, fa0)
  FOPX(107, 0, 1 << 7, PINF, 0, fclass.s a0, fa0)
  FOPX(108, 0, 1 << 8, SNAN, 0, fclass.s a0, fa0)
  FOPX(109, 0, 1 << 9, QNAN, 0, fclass.s a0, fa0)
  # NaN boxing (spec 12.2): single ops see an improperly boxed value as the canonical NaN
  TEST_CASE(110, a0, 0xffffffff3f800000, li a1, ONE; fmv.w.x fa0, a1; fmv.x.d a0, fa0)
  TEST_CASE(111, a0, 0xffffffff40000000, li a1, ONE; fmv.w.x fa0, a1; fadd.s fa1, fa0, fa0; fmv.x.d a0, fa1)
  TEST_CASE(112, a0, 0xffffffff7fc00000, li a1, 0x000000003f800000; fmv.d.x fa0, a1; fadd.s fa1, fa0, fa0; fmv.x.d a0, fa1)
  TEST_CASE(113, a0, 0xffffffff7fc00000, li a1, 0xfffffffe3f800000; fmv.d.x fa0, a1; fsgnj.s fa1, fa0, fa0; fmv.x.d a0, fa1)
  TEST_CASE(114, a0, 0x0000000000000200, li a1, 0x7fffffff3f800000; fmv.d.x fa0, a1; fclass.s a0, fa0)
  TEST_CASE(115, a0, 0x000000003f800000, li a1, 0x000000003f800000; fmv.d.x fa0, a1; fmv.x.w a0, fa0)  # fmv.x.w moves raw bits
  TEST_CASE(116, a0, 0xffffffffbf800000, li a1, 0xbf800000; fmv.w.x fa0, a1; fmv.x.w a0, fa0)      # sign-extended
  # flw boxes, fsw stores the low word
  TEST_CASE(117, a0, 0xffffffff12345678, la a1, fdata; li a2, 0x12345678; sw a2, 0(a1); flw fa0, 0(a1); fmv.x.d a0, fa0)
  TEST_CASE(118, a0, 0x0000000087654321, la a1, fdata; li a2, 0xaaaaaaaa87654321; fmv.d.x fa0, a2; sd zero, 8(a1); fsw fa0, 8(a1); ld a0, 8(a1))
  # fflags accumulate
  TEST_CASE(119, a0, NV|DZ, csrw fflags, zero; li a1, ONE; fmv.w.x fa0, a1; fmv.w.x fa1, zero; fdiv.s fa2, fa0, fa1; fdiv.s fa2, fa1, fa1; csrr a0, fflags)
  # reserved rounding modes: static 5/6 and dynamic with frm >= 5 are illegal
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  .insn r 0x53, 5, 0x00, fa3, fa0, fa1     # fadd.s with rm=5
  j test_fail
1: CHECK_TRAP(120, CAUSE_ILLEGAL, 0x00b556d3)
  li a1, 5; csrw frm, a1
  EXPECT_TRAP(CAUSE_ILLEGAL, 1f)
  fadd.s fa3, fa0, fa1, dyn
  j test_fail
1: CHECK_TRAP(121, CAUSE_ILLEGAL, 0x00b576d3)
  csrw fcsr, zero
TEST_END
  .data
  .align 3
fdata: .dword 0, 0
