package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opennexus.memory.Trap;

/**
 * The interpreter's fast path (pre-decoded blocks, {@link InterpDecoder}) against its reference
 * path ({@link Interpreter#step}) on random instructions of every opcode the fast path
 * decodes (FP loads and stores with every mstatus.FS state), and random compressed parcels:
 * x and f registers, pc, memory, mstatus and trap CSRs must agree.
 */
class InterpDecoderTest {
    private static final int[] OPCODES = {0x03, 0x07, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x33, 0x37, 0x3b, 0x63, 0x67, 0x6f,
        0x43, 0x47, 0x4b, 0x4f, 0x53};
    private static final int[] FUNCT7 = {0x00, 0x01, 0x20, 0x00, 0x01, 0x20, 0x05, 0x30};
    private static final long DATA = TestHart.RAM_BASE + 0x80000;
    private static final int DATA_BYTES = 0x3000;

    @Test
    void fastPathMatchesTheReferencePath() {
        Random r = new Random(0x1c0de);
        InterpBlocksTest.Interpreted fast = new InterpBlocksTest.Interpreted(new byte[4]);
        InterpBlocksTest.Interpreted ref = new InterpBlocksTest.Interpreted(new byte[4]);
        Interpreter reference = new Interpreter(ref.hart);
        for (int n = 0; n < 30_000; n++) {
            int w = randomInstruction(r);
            long[] regs = randomRegisters(r);
            long[] fregs = randomRegisters(r);
            long fs = (long) r.nextInt(4) << 13;   // mstatus.FS: Off, Initial, Clean, Dirty
            byte[] data = new byte[DATA_BYTES];
            r.nextBytes(data);
            load(fast, w, regs, fregs, fs, data);
            load(ref, w, regs, fregs, fs, data);

            fast.hart.run(1);
            try {
                reference.step();
            } catch (Trap t) {
                ref.hart.takeTrap(t.cause, false, t.tval);
            }

            String what = "instruction 0x" + Integer.toHexString(w);
            assertArrayEquals(ref.hart.x, fast.hart.x, what);
            assertArrayEquals(ref.hart.f, fast.hart.f, what);
            assertEquals(ref.csr(Csr.MSTATUS), fast.csr(Csr.MSTATUS), what);
            assertEquals(ref.hart.pc, fast.hart.pc, what);
            assertEquals(ref.csr(Csr.MCAUSE), fast.csr(Csr.MCAUSE), what);
            assertEquals(ref.csr(Csr.MEPC), fast.csr(Csr.MEPC), what);
            assertEquals(ref.csr(Csr.MTVAL), fast.csr(Csr.MTVAL), what);
            assertArrayEquals(dataOf(ref), dataOf(fast), what);
        }
    }

    @Test
    void decodesOnlyWhatItChecksInFull() {
        assertEquals(InterpDecoder.SLOW, InterpDecoder.op(InterpDecoder.decode(0)));            // reserved parcel
        assertEquals(InterpDecoder.SLOW, InterpDecoder.op(InterpDecoder.decode(0x00007003)));   // load funct3 7
        assertEquals(InterpDecoder.SLOW, InterpDecoder.op(InterpDecoder.decode(0x00003003)));   // ld into x0
        assertEquals(InterpDecoder.SLOW, InterpDecoder.op(InterpDecoder.decode(0x40001013)));   // slli with funct6 0x10
        assertEquals(InterpDecoder.SLOW, InterpDecoder.op(InterpDecoder.decode(0x00001067)));   // jalr funct3 1
        assertEquals(InterpDecoder.SLOW, InterpDecoder.op(InterpDecoder.decode(0x0000100f)));   // fence.i
        assertEquals(InterpDecoder.NOP, InterpDecoder.op(InterpDecoder.decode(0x00100013)));    // addi x0, x0, 1
        long addi = InterpDecoder.decode(0xfff28513);                                           // addi a0, t0, -1
        assertEquals(InterpDecoder.ADDI, InterpDecoder.op(addi));
        assertEquals(10, InterpDecoder.rd(addi));
        assertEquals(5, InterpDecoder.rs1(addi));
        assertEquals(-1, InterpDecoder.imm(addi));
        assertEquals(4, InterpDecoder.length(addi));
        long cAddi = InterpDecoder.decode(0xffff0505);                                          // c.addi a0, 1 (+ next parcel)
        assertEquals(InterpDecoder.ADDI, InterpDecoder.op(cAddi));
        assertEquals(2, InterpDecoder.length(cAddi));
        assertEquals(1, InterpDecoder.imm(cAddi));
    }

    private static int randomInstruction(Random r) {
        if (r.nextInt(4) == 0) {
            int parcel = r.nextInt(0x10000);
            if ((parcel & 3) == 3) parcel &= ~1;
            return (r.nextInt() << 16) | parcel;
        }
        int w = (r.nextInt() & ~0x7f) | OPCODES[r.nextInt(OPCODES.length)];
        if (r.nextBoolean()) w = (w & 0x01ffffff) | (FUNCT7[r.nextInt(FUNCT7.length)] << 25);
        return w;
    }

    private static long[] randomRegisters(Random r) {
        long[] regs = new long[32];
        for (int i = 1; i < 32; i++) {
            regs[i] = switch (r.nextInt(4)) {
                case 0, 1 -> DATA + 0x800 + r.nextInt(0x1800);   // base registers inside the data area
                case 2 -> r.nextInt(64) - 32;
                default -> r.nextLong();
            };
        }
        return regs;
    }

    private static void load(InterpBlocksTest.Interpreted t, int w, long[] regs, long[] fregs, long fs, byte[] data) {
        t.ram.storeIntAt(0, w);
        t.ram.storeIntAt(4, 0);
        t.ram.copyIn(DATA, data, 0, data.length);
        System.arraycopy(regs, 0, t.hart.x, 0, 32);
        System.arraycopy(fregs, 0, t.hart.f, 0, 32);
        t.hart.writeCsr(Csr.MSTATUS, fs);
        t.hart.pc = TestHart.RAM_BASE;
        t.hart.writeCsr(Csr.MCAUSE, 0);
        t.hart.writeCsr(Csr.MEPC, 0);
        t.hart.writeCsr(Csr.MTVAL, 0);
    }

    private static byte[] dataOf(InterpBlocksTest.Interpreted t) {
        byte[] b = new byte[DATA_BYTES];
        t.ram.copyOut(DATA, b, 0, b.length);
        return b;
    }
}
