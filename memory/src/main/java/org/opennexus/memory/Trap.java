package org.opennexus.memory;

/**
 * A synchronous RISC-V exception raised while executing an instruction (privileged spec 1.12,
 * section 3.1.15, table 3.6 for the cause codes).
 *
 * <p>Thrown by the MMU and the hart's slow paths and always caught by the hart, which turns it into
 * a trap (mcause/mepc/mtval or the S-mode counterparts). It carries no stack trace, so creating one
 * costs about as much as any small object; it never leaves the hart.
 */
public final class Trap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int INSTRUCTION_ADDRESS_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_ADDRESS_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_ADDRESS_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_FROM_U = 8;
    public static final int ECALL_FROM_S = 9;
    public static final int ECALL_FROM_M = 11;
    public static final int INSTRUCTION_PAGE_FAULT = 12;
    public static final int LOAD_PAGE_FAULT = 13;
    public static final int STORE_PAGE_FAULT = 15;

    /** Exception code (mcause without the interrupt bit). */
    public final int cause;
    /** Value for mtval/stval: faulting address or instruction bits. */
    public final long tval;

    public Trap(int cause, long tval) {
        super(null, null, false, false);
        this.cause = cause;
        this.tval = tval;
    }

    @Override
    public String getMessage() {
        return "trap cause=" + cause + " tval=0x" + Long.toHexString(tval);
    }
}
