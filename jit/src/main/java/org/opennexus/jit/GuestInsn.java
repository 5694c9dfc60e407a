package org.opennexus.jit;

/**
 * One guest instruction of a region: its pc, its 32-bit encoding (compressed ones expanded by
 * {@link Rvc}), the bits as fetched (for mtval) and its length in bytes.
 */
record GuestInsn(long pc, int word, int raw, int length) {
    long next() {
        return pc + length;
    }

    int opcode() { return (word >>> 2) & 31; }
    int rd() { return (word >>> 7) & 31; }
    int rs1() { return (word >>> 15) & 31; }
    int rs2() { return (word >>> 20) & 31; }
    int f3() { return (word >>> 12) & 7; }
    int f7() { return word >>> 25; }
    long immI() { return word >> 20; }
    long immS() { return ((word >> 25) << 5) | ((word >>> 7) & 31); }

    long immB() {
        return ((long) (word >> 31) << 12) | (((word >>> 7) & 1) << 11) | (((word >>> 25) & 0x3f) << 5)
                | (((word >>> 8) & 0xf) << 1);
    }

    long immJ() {
        return ((long) (word >> 31) << 20) | (word & 0xff000) | (((word >>> 20) & 1) << 11)
                | (((word >>> 21) & 0x3ff) << 1);
    }
}
