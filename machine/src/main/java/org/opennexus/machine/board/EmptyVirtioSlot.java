package org.opennexus.machine.board;

import org.opennexus.devices.virtio.VirtioMmio;
import org.opennexus.memory.MmioDevice;

/**
 * A virtio-mmio transport with no device behind it, as QEMU's unused slots: magic "virt",
 * version 2, device ID 0 ("reserved (invalid)", virtio 1.2 section 5, which drivers skip),
 * everything else reads 0 and writes are ignored.
 */
final class EmptyVirtioSlot implements MmioDevice {
    @Override
    public long read(long offset, int size) {
        if (size != 4) {
            return 0;
        }
        return switch ((int) offset) {
            case VirtioMmio.MAGIC_VALUE -> VirtioMmio.MAGIC;
            case VirtioMmio.VERSION -> 2;
            case VirtioMmio.VENDOR_ID -> VirtioMmio.VENDOR_QEMU;
            default -> 0;
        };
    }

    @Override
    public void write(long offset, int size, long value) {
        // nothing to configure
    }
}
