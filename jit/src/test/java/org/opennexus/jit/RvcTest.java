package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opennexus.memory.Trap;

/** Every RV64C instruction expands to what GNU as encodes for its 32-bit equivalent (spec table 16.x). */
class RvcTest {

    /** Compressed form (assembled with RVC) | 32-bit equivalent (assembled with norvc). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "c.addi4spn s0, sp, 1020 | addi s0, sp, 1020",
        "c.addi4spn a5, sp, 4    | addi a5, sp, 4",
        "c.fld fa0, 248(s1)      | fld fa0, 248(s1)",
        "c.lw a5, 124(a4)        | lw a5, 124(a4)",
        "c.ld a5, 248(a4)        | ld a5, 248(a4)",
        "c.fsd fa1, 8(a0)        | fsd fa1, 8(a0)",
        "c.sw a5, 64(a0)         | sw a5, 64(a0)",
        "c.sd s1, 120(a5)        | sd s1, 120(a5)",
        "c.nop                   | addi x0, x0, 0",
        "c.addi a0, -32          | addi a0, a0, -32",
        "c.addi t6, 31           | addi t6, t6, 31",
        "c.addiw a1, 31          | addiw a1, a1, 31",
        "c.addiw a1, 0           | addiw a1, a1, 0",
        "c.li t0, -1             | addi t0, x0, -1",
        "c.addi16sp sp, -512     | addi sp, sp, -512",
        "c.addi16sp sp, 496      | addi sp, sp, 496",
        "c.lui a3, 0xfffe0       | lui a3, 0xfffe0",
        "c.lui a3, 31            | lui a3, 31",
        "c.srli a0, 63           | srli a0, a0, 63",
        "c.srai s1, 1            | srai s1, s1, 1",
        "c.srai s1, 32           | srai s1, s1, 32",
        "c.andi a2, -17          | andi a2, a2, -17",
        "c.sub a0, a1            | sub a0, a0, a1",
        "c.xor s0, a5            | xor s0, s0, a5",
        "c.or a3, a4             | or a3, a3, a4",
        "c.and a2, s1            | and a2, a2, s1",
        "c.subw a0, a1           | subw a0, a0, a1",
        "c.addw a5, s0           | addw a5, a5, s0",
        "c.slli a0, 1            | slli a0, a0, 1",
        "c.slli t3, 63           | slli t3, t3, 63",
        "c.fldsp fs0, 504(sp)    | fld fs0, 504(sp)",
        "c.lwsp ra, 252(sp)      | lw ra, 252(sp)",
        "c.ldsp ra, 504(sp)      | ld ra, 504(sp)",
        "c.jr ra                 | jalr x0, 0(ra)",
        "c.mv a0, a1             | add a0, x0, a1",
        "c.ebreak                | ebreak",
        "c.jalr a0               | jalr ra, 0(a0)",
        "c.add a0, a1            | add a0, a0, a1",
        "c.fsdsp fs0, 504(sp)    | fsd fs0, 504(sp)",
        "c.swsp ra, 252(sp)      | sw ra, 252(sp)",
        "c.sdsp ra, 504(sp)      | sd ra, 504(sp)",
    })
    void expandsLikeTheAssembler(String compressed, String full) {
        int parcel = Asm.half(Asm.assemble(".option rvc\n" + compressed), 0);
        int word = Asm.word(Asm.assemble(".option norvc\n" + full), 0);
        assertNotEquals(3, parcel & 3, "not a compressed encoding: " + compressed);
        assertEquals(Integer.toHexString(word), Integer.toHexString(Rvc.expand(parcel)), compressed);
    }

    /** Jumps and branches: instruction placed at 0x100, targets before and after it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "c.j back     | jal x0, back",
        "c.j fwd      | jal x0, fwd",
        "c.beqz s0, back | beq s0, x0, back",
        "c.beqz a5, fwd  | beq a5, x0, fwd",
        "c.bnez a0, back | bne a0, x0, back",
        "c.bnez s1, fwd  | bne s1, x0, fwd",
    })
    void expandsJumpsAndBranches(String compressed, String full) {
        String layout = ".option %s\n.org 0x80\nback:\n.org 0x100\n%s\n.org 0x1fe\nfwd:\nnop\n";
        int parcel = Asm.half(Asm.assemble(layout.formatted("rvc", compressed)), 0x100);
        int word = Asm.word(Asm.assemble(layout.formatted("norvc", full)), 0x100);
        assertEquals(Integer.toHexString(word), Integer.toHexString(Rvc.expand(parcel)), compressed);
    }

    /** Reserved encodings (spec 16.x "reserved" entries). */
    @ParameterizedTest
    @ValueSource(ints = {
        0x0000, // all zeros: illegal
        0x0004, // C.ADDI4SPN nzuimm=0
        0x8000, // quadrant 0, funct3=100
        0x2001, // C.ADDIW rd=0
        0x6101, // C.ADDI16SP nzimm=0
        0x6081, // C.LUI nzimm=0
        0x9c41, // C.SUBW/C.ADDW space, funct2=10 (reserved)
        0x9c61, // ... funct2=11 (reserved)
        0x4002, // C.LWSP rd=0
        0x6002, // C.LDSP rd=0
        0x8002, // C.JR rs1=0
    })
    void reservedEncodingsExpandToZero(int parcel) {
        assertEquals(0, Rvc.expand(parcel));
    }

    @Test
    void illegalCompressedTrapsWithTheParcelInMtval() {
        TestHart t = new TestHart();
        t.ram.storeShortAt(0, (short) 0x6081); // reserved C.LUI
        t.hart.pc = TestHart.RAM_BASE;
        t.hart.run(1);
        assertEquals(Trap.ILLEGAL_INSTRUCTION, t.csr(Csr.MCAUSE));
        assertEquals(0x6081, t.csr(Csr.MTVAL));
        assertEquals(TestHart.RAM_BASE, t.csr(Csr.MEPC));
    }

    @Test
    void compressedCodeRunsWithTwoByteSteps() {
        // c.li, c.addi, c.slli, c.mv, c.add, c.sub and a c.jal-free call via c.jalr / c.jr
        TestHart t = TestHart.of("""
                .option rvc
                c.li a0, 5
                c.addi a0, 3
                c.slli a0, 2
                c.mv a1, a0
                c.add a1, a0
                la t0, f
                c.jalr t0
                c.j done
                f: c.li a2, -7
                c.jr ra
                done:
                """);
        t.runToEnd();
        assertEquals(32, t.x("a0"));
        assertEquals(64, t.x("a1"));
        assertEquals(-7, t.x("a2"));
    }
}
