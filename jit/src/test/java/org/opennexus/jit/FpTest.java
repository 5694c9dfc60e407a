package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hart's side of F/D: FS gating and dirtying (priv 3.1.6.6), NaN-boxing (unpriv 12.2),
 * FSGNJ/FMV/loads/stores, rounding-mode resolution and a few end-to-end results computed by
 * hand. The arithmetic itself is tested with the FPU library.
 */
class FpTest {
    static final long BASE = TestHart.RAM_BASE;
    static final long FS_INITIAL = 1L << Mstatus.FS_SHIFT;

    private static TestHart fp(String source) {
        TestHart t = TestHart.of(source);
        t.hart.writeCsr(Csr.MSTATUS, FS_INITIAL);
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"flw fa0, 0(a0)", "fsd fa0, 0(a0)", "fadd.s fa0, fa1, fa2", "fmv.x.w a0, fa0",
        "fmadd.d fa0, fa1, fa2, fa3", "fcvt.d.l fa0, a0", "fsgnj.d fa0, fa1, fa1"})
    void everyFpInstructionIsIllegalWithFsOff(String insn) {
        TestHart t = TestHart.of(".option norvc\n" + insn);
        t.hart.run(1);
        assertTrue(CsrTest.trappedIllegal(t), insn);
        assertEquals(t.ram.loadIntAt(0) & 0xffffffffL, t.csr(Csr.MTVAL));
    }

    @Test
    void compressedFpLoadIsIllegalWithFsOffAndReportsTheParcel() {
        TestHart t = TestHart.of(".option rvc\nc.fldsp fa0, 8(sp)");
        t.hart.run(1);
        assertTrue(CsrTest.trappedIllegal(t));
        assertEquals(t.ram.loadShortAt(0) & 0xffffL, t.csr(Csr.MTVAL));
    }

    @Test
    void writingAnFpRegisterMarksFsDirty() {
        TestHart t = fp("li a0, 0x3f800000\nfmv.w.x fa0, a0");
        t.hart.run(1); // li = lui
        assertEquals(FS_INITIAL, t.csr(Csr.MSTATUS) & Mstatus.FS, "li does not dirty");
        t.runToEnd();
        assertEquals(Mstatus.FS_DIRTY, t.csr(Csr.MSTATUS) & Mstatus.FS);
        assertEquals(Mstatus.SD, t.csr(Csr.MSTATUS) & Mstatus.SD);
        assertEquals(0xffffffff3f800000L, t.hart.f[10], "NaN-boxed");
    }

    @Test
    void integerResultWithoutNewFlagsLeavesFsClean() {
        TestHart t = fp("fmv.x.d a0, fa0\nfclass.d a1, fa0");
        t.hart.f[10] = 0x3ff0000000000000L; // 1.0
        t.runToEnd();
        assertEquals(0x3ff0000000000000L, t.x("a0"));
        assertEquals(1 << 6, t.x("a1"), "fclass: positive normal");
        assertEquals(FS_INITIAL, t.csr(Csr.MSTATUS) & Mstatus.FS);
    }

    @Test
    void signInjectionUsesUnboxedInputs() {
        TestHart t = fp("""
                fsgnj.s f2, f1, f1
                fsgnjn.s f3, f4, f5
                fsgnjx.s f6, f4, f5
                fsgnj.d f7, f8, f9
                fsgnjn.d f10, f8, f8
                fsgnjx.d f11, f9, f9
                """);
        long[] f = t.hart.f;
        f[1] = 0x3f800000L;                      // not NaN-boxed: reads as the canonical NaN
        f[4] = 0xffffffff3f800000L;              // 1.0f
        f[5] = 0xffffffff80000000L;              // -0.0f
        f[8] = 0x3ff0000000000000L;              // 1.0
        f[9] = 0xc000000000000000L;              // -2.0
        t.runToEnd();
        assertEquals(0xffffffff7fc00000L, f[2]);
        assertEquals(0xffffffff3f800000L, f[3]);
        assertEquals(0xffffffffbf800000L, f[6]);
        assertEquals(0xbff0000000000000L, f[7]);
        assertEquals(0xbff0000000000000L, f[10]);
        assertEquals(0x4000000000000000L, f[11]);
    }

    @Test
    void movesAndLoadsStores() {
        TestHart t = fp("""
                la t0, data
                flw fa0, 0(t0)
                fld fa1, 8(t0)
                fmv.x.w a0, fa2
                fmv.x.d a1, fa1
                fsw fa2, 16(t0)
                ld a2, 16(t0)
                fsd fa1, 24(t0)
                ld a3, 24(t0)
                li a4, -1
                fmv.d.x fa3, a4
                j done
                .align 3
                data: .word 0xbf800000, 0
                .dword 0x400921fb54442d18
                .dword 0, 0
                done:
                """);
        t.hart.f[12] = 0x1234567887654321L; // not boxed: fmv.x.w/fsw take the low bits as they are
        t.runToEnd();
        long[] f = t.hart.f;
        assertEquals(0xffffffffbf800000L, f[10]);
        assertEquals(0x400921fb54442d18L, f[11]);
        assertEquals(0xffffffff87654321L, t.x("a0"));
        assertEquals(0x400921fb54442d18L, t.x("a1"));
        assertEquals(0x87654321L, t.x("a2"));
        assertEquals(0x400921fb54442d18L, t.x("a3"));
        assertEquals(-1, f[13]);
    }

    @Test
    void compressedFpLoadsAndStores() {
        TestHart t = fp("""
                .option rvc
                la sp, data
                mv s0, sp
                c.fldsp fs1, 0(sp)
                c.fld fa5, 8(s0)
                c.fsdsp fs1, 16(sp)
                c.fsd fa5, 24(s0)
                ld a0, 16(sp)
                ld a1, 24(sp)
                j done
                .align 3
                data: .dword 0x1111222233334444, 0x5555666677778888, 0, 0
                done:
                """);
        t.runToEnd();
        assertEquals(0x1111222233334444L, t.hart.f[9]);
        assertEquals(0x5555666677778888L, t.hart.f[15]);
        assertEquals(0x1111222233334444L, t.x("a0"));
        assertEquals(0x5555666677778888L, t.x("a1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ".insn r 0x53, 5, 0, fa0, fa1, fa2",   // fadd.s rm=5
        ".insn r 0x53, 6, 1, fa0, fa1, fa2",   // fadd.d rm=6
        ".insn r 0x53, 5, 0x21, fa0, fa1, f0", // fcvt.d.s rm=5
        ".insn r4 0x43, 6, 1, fa0, fa1, fa2, fa3", // fmadd.d rm=6
        ".insn r 0x53, 0, 2, fa0, fa1, fa2",   // fmt=2 (half): not implemented
        ".insn r 0x53, 0, 0x70, a0, fa1, f1",  // fmv.x.w with rs2 != 0
        ".insn r 0x53, 3, 0x10, fa0, fa1, fa2",// fsgnj funct3=3
        ".insn r 0x53, 0, 0x2c, fa0, fa1, f1", // fsqrt.s with rs2 != 0
    })
    void reservedFpEncodingsAreIllegal(String insn) {
        TestHart t = fp(insn);
        t.hart.run(1);
        assertTrue(CsrTest.trappedIllegal(t), insn);
    }

    @Test
    void dynamicRoundingWithReservedFrmIsIllegal() {
        TestHart t = fp("csrwi frm, 5\nfadd.d fa0, fa1, fa2");
        t.hart.run(2);
        assertTrue(CsrTest.trappedIllegal(t));
        TestHart ok = fp("csrwi frm, 5\nfadd.d fa0, fa1, fa2, rne");
        ok.runToEnd();
    }

    @Test
    void endToEndArithmeticAndFlags() {
        TestHart t = fp("""
                li a0, 0x3f800000
                fmv.w.x fa0, a0
                li a0, 0x40000000
                fmv.w.x fa1, a0
                fadd.s fa2, fa0, fa1
                feq.s a1, fa2, fa2
                flt.s a2, fa1, fa0
                fcvt.d.s fa3, fa2
                fmv.d.x fa4, zero
                fdiv.d fa5, fa3, fa4
                frflags a3
                li a0, -3
                fcvt.d.l fa6, a0
                li a0, 0x4000000000000000
                fmv.d.x fa7, a0
                fdiv.d fa6, fa6, fa7
                fsflags zero
                fcvt.w.d a4, fa6, rtz
                frflags a5
                fcvt.w.d a6, fa6, rdn
                """);
        t.runToEnd();
        long[] f = t.hart.f;
        assertEquals(0xffffffff40400000L, f[12], "1.0f + 2.0f = 3.0f");
        assertEquals(1, t.x("a1"));
        assertEquals(0, t.x("a2"));
        assertEquals(0x4008000000000000L, f[13], "3.0 as double");
        assertEquals(0x7ff0000000000000L, f[15], "3.0 / +0 = +inf");
        assertEquals(8, t.x("a3"), "DZ");
        assertEquals(-1, t.x("a4"), "trunc(-1.5) = -1");
        assertEquals(1, t.x("a5"), "NX");
        assertEquals(-2, t.x("a6"), "floor(-1.5) = -2");
        assertEquals(Mstatus.FS_DIRTY, t.csr(Csr.MSTATUS) & Mstatus.FS);
    }
}
