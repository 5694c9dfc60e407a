package org.opennexus.machine.boot;

import org.opennexus.memory.MmioDevice;

/** A read-only memory region (QEMU virt's "riscv_virt_board.mrom"); writes are ignored, reads past the image are 0. */
public final class Rom implements MmioDevice {
    private final byte[] image;

    public Rom(byte[] image) {
        this.image = image.clone();
    }

    @Override
    public long read(long offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            long at = offset + i;
            v = v << 8 | (at >= 0 && at < image.length ? image[(int) at] & 0xff : 0);
        }
        return v;
    }

    @Override
    public void write(long offset, int size, long value) {
        // ROM: ignored, as QEMU's rom regions do for guest writes
    }
}
