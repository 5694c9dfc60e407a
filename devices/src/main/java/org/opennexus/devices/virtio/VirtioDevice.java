package org.opennexus.devices.virtio;

/**
 * A virtio device type behind the {@link VirtioMmio} transport (virtio 1.2, section 5).
 *
 * <p>The transport owns status, feature negotiation, queues and interrupts; a device supplies its id,
 * device-specific feature bits, configuration space and request processing. {@link #processQueue}
 * runs synchronously on the notify write: pop chains with {@link VirtQueue#pop()}, complete each with
 * {@link VirtQueue#push}. A chain that cannot be completed at all calls {@link VirtQueue#fail}, which
 * makes the transport set DEVICE_NEEDS_RESET. Devices must not throw; the transport treats an escaping
 * runtime exception like {@code fail}.
 */
public interface VirtioDevice {
    /** Device ID (virtio 1.2, section 5): 2 = block, 4 = entropy. */
    int deviceId();

    /** Device-specific feature bits offered (bits 0-23); the transport adds the ring and VERSION_1 bits. */
    long features();

    int queueCount();

    /** QueueNumMax for every queue. */
    int queueMaxSize();

    /** Reads {@code size} (1, 2, 4 or 8) bytes of device configuration at {@code offset}, little-endian; 0 beyond its end. */
    long readConfig(int offset, int size);

    void writeConfig(int offset, int size, long value);

    /** Called when the driver accepted the features (FEATURES_OK), before any queue is used. */
    default void negotiated(long driverFeatures) { }

    /** Handles every available buffer of {@code queue}. */
    void processQueue(int queue, VirtQueue q);

    /** Device reset (status written 0): forget negotiated state. */
    void reset();

    /** Little-endian read of {@code size} bytes from a configuration image; bytes past its end read 0. */
    static long readLe(byte[] config, int offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int o = offset + i;
            if (o >= 0 && o < config.length) {
                v |= (config[o] & 0xffL) << (8 * i);
            }
        }
        return v;
    }
}
