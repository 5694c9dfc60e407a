package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RV64I, M, Zba, Zbb, Zbs and Zicond results. Each row: a0/a1 inputs, the instruction computing
 * a2, and the expected a2 worked out by hand from the unprivileged spec (M: table 7.1 for
 * division by zero and overflow; Zb*: the bitmanip spec's pseudo-code).
 */
class IntegerTest {

    private static long run(long a0, long a1, String insn) {
        TestHart t = TestHart.of("li a0, " + a0 + "\nli a1, " + a1 + "\n" + insn + "\n");
        t.runToEnd();
        return t.x("a2");
    }

    @ParameterizedTest(name = "{2} with a0={0} a1={1}")
    @CsvSource(delimiter = '|', value = {
        // RV64I arithmetic and W sign extension
        "0x7fffffff | 1 | addw a2, a0, a1 | 0xffffffff80000000",
        "0 | 1 | subw a2, a0, a1 | -1",
        "0x7fffffff | 0 | addiw a2, a0, 1 | 0xffffffff80000000",
        "0x123456789 | 0 | addiw a2, a0, 0 | 0x23456789",
        "-1 | 1 | slt a2, a0, a1 | 1",
        "-1 | 1 | sltu a2, a0, a1 | 0",
        "5 | 0 | sltiu a2, a0, -1 | 1",
        "0 | 0 | sltiu a2, a0, 1 | 1",
        "-2 | 0 | slti a2, a0, -1 | 1",
        "0 | 0 | lui a2, 0x80000 | 0xffffffff80000000",
        "0xf0 | 0x3c | xor a2, a0, a1 | 0xcc",
        "0xf0 | 0x3c | or a2, a0, a1 | 0xfc",
        "0xf0 | 0x3c | and a2, a0, a1 | 0x30",
        "0xf0 | 0 | xori a2, a0, -1 | 0xffffffffffffff0f",
        // shifts: only the low 6 (5 for W) bits of the amount count
        "1 | 63 | sll a2, a0, a1 | 0x8000000000000000",
        "1 | 65 | sll a2, a0, a1 | 2",
        "0x8000000000000000 | 63 | srl a2, a0, a1 | 1",
        "0x8000000000000000 | 63 | sra a2, a0, a1 | -1",
        "1 | 31 | sllw a2, a0, a1 | 0xffffffff80000000",
        "1 | 63 | sllw a2, a0, a1 | 0xffffffff80000000",
        "0xffffffff80000000 | 31 | srlw a2, a0, a1 | 1",
        "0xffffffff80000000 | 31 | sraw a2, a0, a1 | -1",
        "0x0000000180000000 | 0 | srlw a2, a0, a1 | 0xffffffff80000000",
        "0x0000000180000000 | 0 | srliw a2, a0, 0 | 0xffffffff80000000",
        "0x0000000080000000 | 0 | srliw a2, a0, 4 | 0x08000000",
        "0x0000000080000000 | 0 | sraiw a2, a0, 4 | 0xfffffffff8000000",
        "1 | 0 | slliw a2, a0, 31 | 0xffffffff80000000",
        "1 | 0 | slli a2, a0, 63 | 0x8000000000000000",
        "-16 | 0 | srli a2, a0, 60 | 15",
        "-16 | 0 | srai a2, a0, 2 | -4",
        // M extension, including table 7.1
        "7 | 0 | div a2, a0, a1 | -1",
        "7 | 0 | divu a2, a0, a1 | -1",
        "7 | 0 | rem a2, a0, a1 | 7",
        "7 | 0 | remu a2, a0, a1 | 7",
        "0x8000000000000000 | -1 | div a2, a0, a1 | 0x8000000000000000",
        "0x8000000000000000 | -1 | rem a2, a0, a1 | 0",
        "-7 | 2 | div a2, a0, a1 | -3",
        "-7 | 2 | rem a2, a0, a1 | -1",
        "-7 | 2 | divu a2, a0, a1 | 0x7ffffffffffffffc",
        "-7 | 2 | remu a2, a0, a1 | 1",
        "0x80000000 | -1 | divw a2, a0, a1 | 0xffffffff80000000",
        "0x80000000 | -1 | remw a2, a0, a1 | 0",
        "0x123456789 | 0 | divw a2, a0, a1 | -1",
        "0x123456789 | 0 | remw a2, a0, a1 | 0x23456789",
        "0x80000000 | 0 | divuw a2, a0, a1 | -1",
        "0x80000000 | 0 | remuw a2, a0, a1 | 0xffffffff80000000",
        "0xfffffff9 | 2 | divuw a2, a0, a1 | 0x7ffffffc",
        "-7 | 0x100000002 | divw a2, a0, a1 | -3",
        "-1 | -1 | mul a2, a0, a1 | 1",
        "-1 | -1 | mulh a2, a0, a1 | 0",
        "-1 | -1 | mulhu a2, a0, a1 | 0xfffffffffffffffe",
        "-1 | -1 | mulhsu a2, a0, a1 | -1",
        "-2 | 3 | mulhsu a2, a0, a1 | -1",
        "2 | -1 | mulhsu a2, a0, a1 | 1",
        "0x100000000 | 0x100000000 | mulh a2, a0, a1 | 1",
        "0x7fffffff | 2 | mulw a2, a0, a1 | -2",
        "0x100000003 | 5 | mulw a2, a0, a1 | 15",
        // Zba
        "3 | 10 | sh1add a2, a0, a1 | 16",
        "3 | 10 | sh2add a2, a0, a1 | 22",
        "3 | 10 | sh3add a2, a0, a1 | 34",
        "0xffffffff80000000 | 1 | add.uw a2, a0, a1 | 0x80000001",
        "-1 | 0 | sh1add.uw a2, a0, a1 | 0x1fffffffe",
        "-1 | 1 | sh2add.uw a2, a0, a1 | 0x3fffffffd",
        "-1 | 0 | sh3add.uw a2, a0, a1 | 0x7fffffff8",
        "0xffffffff80000001 | 0 | slli.uw a2, a0, 4 | 0x800000010",
        "0xffffffff80000001 | 0 | zext.w a2, a0 | 0x80000001",
        // Zbb
        "0 | 0 | clz a2, a0 | 64",
        "1 | 0 | clz a2, a0 | 63",
        "-1 | 0 | clz a2, a0 | 0",
        "0 | 0 | ctz a2, a0 | 64",
        "0x8000000000000000 | 0 | ctz a2, a0 | 63",
        "-1 | 0 | cpop a2, a0 | 64",
        "0xffffffff00000000 | 0 | clzw a2, a0 | 32",
        "0x100000000 | 0 | ctzw a2, a0 | 32",
        "0x10000000000 | 0 | ctzw a2, a0 | 32",
        "0x00008000 | 0 | clzw a2, a0 | 16",
        "0xffffffff00000001 | 0 | cpopw a2, a0 | 1",
        "0x0102030405060708 | 0 | rev8 a2, a0 | 0x0807060504030201",
        "0x0001000001000080 | 0 | orc.b a2, a0 | 0x00ff0000ff0000ff",
        "0x8000000000000001 | 1 | rol a2, a0, a1 | 3",
        "1 | 1 | ror a2, a0, a1 | 0x8000000000000000",
        "1 | 65 | ror a2, a0, a1 | 0x8000000000000000",
        "1 | 0 | rori a2, a0, 63 | 2",
        "0x80000001 | 1 | rolw a2, a0, a1 | 3",
        "1 | 1 | rorw a2, a0, a1 | 0xffffffff80000000",
        "0x100000001 | 0 | roriw a2, a0, 1 | 0xffffffff80000000",
        "-1 | 1 | min a2, a0, a1 | -1",
        "-1 | 1 | max a2, a0, a1 | 1",
        "-1 | 1 | minu a2, a0, a1 | 1",
        "-1 | 1 | maxu a2, a0, a1 | -1",
        "0x80 | 0 | sext.b a2, a0 | -128",
        "0x7f | 0 | sext.b a2, a0 | 127",
        "0x8000 | 0 | sext.h a2, a0 | -32768",
        "-1 | 0 | zext.h a2, a0 | 0xffff",
        "0xf0 | 0x30 | andn a2, a0, a1 | 0xc0",
        "0 | 0 | orn a2, a0, a1 | -1",
        "0x0f | -1 | orn a2, a0, a1 | 0x0f",
        "0x1234 | 0x1234 | xnor a2, a0, a1 | -1",
        // Zbs
        "0 | 63 | bset a2, a0, a1 | 0x8000000000000000",
        "-1 | 64 | bclr a2, a0, a1 | -2",
        "0 | 5 | binv a2, a0, a1 | 32",
        "0x8000000000000000 | 63 | bext a2, a0, a1 | 1",
        "0x8000000000000000 | 62 | bext a2, a0, a1 | 0",
        "0 | 0 | bseti a2, a0, 40 | 0x10000000000",
        "-1 | 0 | bclri a2, a0, 63 | 0x7fffffffffffffff",
        "5 | 0 | binvi a2, a0, 0 | 4",
        "0x100 | 0 | bexti a2, a0, 8 | 1",
        // Zicond (no assembler support in binutils 2.40: encoded with .insn r OP, funct3, funct7 0b0000111)
        "5 | 0 | .insn r 0x33, 5, 7, a2, a0, a1 | 0",
        "5 | 9 | .insn r 0x33, 5, 7, a2, a0, a1 | 5",
        "5 | 0 | .insn r 0x33, 7, 7, a2, a0, a1 | 5",
        "5 | 9 | .insn r 0x33, 7, 7, a2, a0, a1 | 0",
    })
    void computes(String a0, String a1, String insn, String expected) {
        assertEquals(Long.toHexString(parse(expected)), Long.toHexString(run(parse(a0), parse(a1), insn)));
    }

    static long parse(String s) {
        s = s.trim();
        boolean neg = s.startsWith("-");
        if (neg) s = s.substring(1);
        long v = s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        return neg ? -v : v;
    }
}
