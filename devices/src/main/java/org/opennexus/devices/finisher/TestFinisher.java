package org.opennexus.devices.finisher;

import org.opennexus.memory.MmioDevice;

/**
 * SiFive test finisher ("sifive,test0"/"syscon"), at 0x100000 on QEMU virt, as hw/misc/sifive_test.c:
 * a write at offset 0 whose low 16 bits are FINISHER_PASS powers off, FINISHER_FAIL fails with the
 * code in bits 31:16, FINISHER_RESET resets; other values and offsets are ignored. Reads return 0.
 */
public final class TestFinisher implements MmioDevice {
    public static final long SIZE = 0x1000;
    public static final int FINISHER_FAIL = 0x3333;
    public static final int FINISHER_PASS = 0x5555;
    public static final int FINISHER_RESET = 0x7777;

    private final FinisherListener listener;

    public TestFinisher(FinisherListener listener) {
        this.listener = listener;
    }

    @Override
    public long read(long offset, int size) {
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset != 0 || size < 2) {
            return;
        }
        int status = (int) (value & 0xffff);
        int code = size >= 4 ? (int) ((value >>> 16) & 0xffff) : 0;
        switch (status) {
            case FINISHER_PASS -> listener.powerOff();
            case FINISHER_FAIL -> listener.fail(code);
            case FINISHER_RESET -> listener.reset();
            default -> { }
        }
    }

    /** QEMU: valid access sizes 2 to 4 bytes. */
    @Override
    public boolean accepts(long offset, int size) {
        return (size == 2 || size == 4) && (offset & (size - 1)) == 0;
    }
}
