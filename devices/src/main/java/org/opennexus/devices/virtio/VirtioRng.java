package org.opennexus.devices.virtio;

import java.util.random.RandomGenerator;

/**
 * virtio-rng, the entropy device (virtio 1.2, section 5.4): one request queue, no features, no
 * configuration. Every device-writable buffer is filled completely with bytes from the source
 * (a SecureRandom normally, a seeded generator for deterministic runs). Writable buffers outside RAM
 * are skipped; the used length counts the bytes actually written.
 */
public final class VirtioRng implements VirtioDevice {
    public static final int DEVICE_ID = 4;
    /** QueueNumMax: QEMU 7.2 reports VIRTQUEUE_MAX_SIZE (1024) for every queue. */
    public static final int QUEUE_SIZE = 1024;

    private final RandomGenerator source;
    private final byte[] buf = new byte[4096];

    public VirtioRng(RandomGenerator source) {
        this.source = source;
    }

    @Override public int deviceId() { return DEVICE_ID; }
    @Override public long features() { return 0; }
    @Override public int queueCount() { return 1; }
    @Override public int queueMaxSize() { return QUEUE_SIZE; }
    @Override public long readConfig(int offset, int size) { return 0; }
    @Override public void writeConfig(int offset, int size, long value) { }
    @Override public void reset() { }

    @Override
    public void processQueue(int queue, VirtQueue q) {
        DescriptorChain c;
        while ((c = q.pop()) != null) {
            long written = 0;
            for (int i = c.firstWritable(); i < c.count(); i++) {
                if (!c.inRam(i)) {
                    continue;
                }
                long addr = c.addr(i);
                long left = Integer.toUnsignedLong(c.length(i));
                while (left > 0) {
                    int n = (int) Math.min(left, buf.length);
                    fill(n);
                    c.ram().copyIn(addr, buf, 0, n);
                    addr += n;
                    left -= n;
                    written += n;
                }
            }
            q.push(c, (int) Math.min(written, Integer.MAX_VALUE));
        }
    }

    private void fill(int n) {
        if (n == buf.length) {
            source.nextBytes(buf);
            return;
        }
        for (int i = 0; i < n; i += 8) {
            long r = source.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                buf[i + j] = (byte) (r >>> (8 * j));
            }
        }
    }
}
