package org.opennexus.memory;

/**
 * A memory-mapped device region on the physical bus.
 *
 * <p>Offsets are relative to the region's base. {@code size} is 1, 2, 4 or 8 bytes. Implementations
 * must never throw: a register a device does not implement reads as zero and ignores writes, and a
 * guest that programs garbage gets the device-level error its spec defines (for example virtio's
 * {@code DEVICE_NEEDS_RESET}), never a host exception.
 */
public interface MmioDevice {

    /** Reads {@code size} bytes at {@code offset}; the result is zero-extended. */
    long read(long offset, int size);

    /** Writes the low {@code size} bytes of {@code value} at {@code offset}. */
    void write(long offset, int size, long value);

    /**
     * Whether an access of this size at this offset exists. The bus raises an access fault for a
     * {@code false} answer, as QEMU does for accesses outside a device's valid sizes.
     */
    default boolean accepts(long offset, int size) {
        return true;
    }
}
