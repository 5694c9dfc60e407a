package org.opennexus.devices.virtio;

import org.opennexus.devices.IrqLine;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.MmioDevice;

/**
 * virtio-mmio transport, version 2 only (virtio 1.2, section 4.2.2), with QEMU's vendor id.
 *
 * <p>Registers are 32-bit; an access of another size reads 0 and is ignored (QEMU logs a guest error).
 * Device configuration starts at 0x100 and takes 1-, 2-, 4- and 8-byte accesses. Queue notifications are
 * processed synchronously during the QueueNotify write. Interrupt status bit 0 is the used-buffer
 * notification and bit 1 the configuration-change notification; the level-triggered line is high while
 * either is set and drops when the driver acknowledges them.
 *
 * <p>Errors: queue layouts are checked when QueueReady is set to 1 (size a power of two no larger than
 * QueueNumMax, aligned rings inside RAM); a bad layout or a ring error found while processing sets
 * DEVICE_NEEDS_RESET (status bit 64), raises a configuration-change interrupt if DRIVER_OK is set, and
 * stops all processing until the driver resets the device by writing 0 to Status. Notifications before
 * DRIVER_OK are ignored (section 3.1.1: the device must not use buffers before it); buffers made
 * available before DRIVER_OK are processed when it is set.
 */
public final class VirtioMmio implements MmioDevice {
    public static final long SIZE = 0x200;

    public static final int MAGIC_VALUE = 0x000, VERSION = 0x004, DEVICE_ID = 0x008, VENDOR_ID = 0x00c,
            DEVICE_FEATURES = 0x010, DEVICE_FEATURES_SEL = 0x014, DRIVER_FEATURES = 0x020,
            DRIVER_FEATURES_SEL = 0x024, QUEUE_SEL = 0x030, QUEUE_NUM_MAX = 0x034, QUEUE_NUM = 0x038,
            QUEUE_READY = 0x044, QUEUE_NOTIFY = 0x050, INTERRUPT_STATUS = 0x060, INTERRUPT_ACK = 0x064,
            STATUS = 0x070, QUEUE_DESC_LOW = 0x080, QUEUE_DESC_HIGH = 0x084, QUEUE_DRIVER_LOW = 0x090,
            QUEUE_DRIVER_HIGH = 0x094, QUEUE_DEVICE_LOW = 0x0a0, QUEUE_DEVICE_HIGH = 0x0a4, SHM_SEL = 0x0ac,
            SHM_LEN_LOW = 0x0b0, SHM_LEN_HIGH = 0x0b4, SHM_BASE_LOW = 0x0b8, SHM_BASE_HIGH = 0x0bc,
            QUEUE_RESET = 0x0c0, CONFIG_GENERATION = 0x0fc, CONFIG = 0x100;

    public static final int MAGIC = 0x74726976; // "virt"
    public static final int VENDOR_QEMU = 0x554d4551; // "QEMU"

    public static final int STATUS_ACKNOWLEDGE = 1, STATUS_DRIVER = 2, STATUS_DRIVER_OK = 4,
            STATUS_FEATURES_OK = 8, STATUS_DEVICE_NEEDS_RESET = 64, STATUS_FAILED = 128;
    public static final int INT_USED_BUFFER = 1, INT_CONFIG_CHANGE = 2;

    public static final long VIRTIO_RING_F_INDIRECT_DESC = 1L << 28;
    public static final long VIRTIO_RING_F_EVENT_IDX = 1L << 29;
    public static final long VIRTIO_F_VERSION_1 = 1L << 32;
    static final long TRANSPORT_FEATURES = VIRTIO_RING_F_INDIRECT_DESC | VIRTIO_RING_F_EVENT_IDX | VIRTIO_F_VERSION_1;

    private final GuestRam ram;
    private final IrqLine irq;
    private final VirtioDevice device;
    private final long deviceFeatures;
    private final QueueConfig[] queues;

    private int deviceFeaturesSel, driverFeaturesSel, queueSel;
    private long driverFeatures;
    private int status;
    private int interruptStatus;
    private boolean needsReset;
    private boolean irqLevel;
    private String lastError;

    /** Per-queue registers as the driver programmed them, and the queue once enabled. */
    private static final class QueueConfig {
        int num;
        boolean ready;
        long desc, driver, device;
        VirtQueue queue;
    }

    public VirtioMmio(GuestRam ram, IrqLine irq, VirtioDevice device) {
        this.ram = ram;
        this.irq = irq;
        this.device = device;
        this.deviceFeatures = (device.features() & 0xff_ffffL) | TRANSPORT_FEATURES;
        this.queues = new QueueConfig[device.queueCount()];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new QueueConfig();
        }
    }

    public VirtioDevice device() { return device; }

    /** Status register as the driver reads it. */
    public synchronized int status() { return status; }

    /** The last error that set DEVICE_NEEDS_RESET, for diagnostics; null if none since reset. */
    public synchronized String lastError() { return lastError; }

    @Override
    public boolean accepts(long offset, int size) {
        return offset >= 0 && offset + size <= SIZE;
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset >= CONFIG) {
            return device.readConfig((int) (offset - CONFIG), size);
        }
        if (size != 4 || (offset & 3) != 0) {
            return 0;
        }
        QueueConfig q = queueSel < queues.length ? queues[queueSel] : null;
        long v = switch ((int) offset) {
            case MAGIC_VALUE -> MAGIC;
            case VERSION -> 2;
            case DEVICE_ID -> device.deviceId();
            case VENDOR_ID -> VENDOR_QEMU;
            case DEVICE_FEATURES -> deviceFeaturesSel == 0 ? deviceFeatures & 0xffff_ffffL
                    : deviceFeaturesSel == 1 ? deviceFeatures >>> 32 : 0;
            case QUEUE_NUM_MAX -> q == null ? 0 : device.queueMaxSize();
            case QUEUE_READY -> q != null && q.ready ? 1 : 0;
            case INTERRUPT_STATUS -> interruptStatus;
            case STATUS -> status;
            case SHM_LEN_LOW, SHM_LEN_HIGH -> 0xffff_ffffL; // no shared memory regions: length -1 (section 4.2.2)
            case CONFIG_GENERATION -> 0;
            default -> 0; // write-only and reserved registers
        };
        return v & 0xffff_ffffL;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset >= CONFIG) {
            device.writeConfig((int) (offset - CONFIG), size, value);
            return;
        }
        if (size != 4 || (offset & 3) != 0) {
            return;
        }
        int v = (int) value;
        long uv = value & 0xffff_ffffL;
        QueueConfig q = queueSel < queues.length ? queues[queueSel] : null;
        switch ((int) offset) {
            case DEVICE_FEATURES_SEL -> deviceFeaturesSel = v;
            case DRIVER_FEATURES_SEL -> driverFeaturesSel = v;
            case DRIVER_FEATURES -> {
                if ((status & STATUS_FEATURES_OK) == 0) { // section 2.2.1: fixed once FEATURES_OK
                    if (driverFeaturesSel == 0) {
                        driverFeatures = (driverFeatures & 0xffff_ffff_0000_0000L) | uv;
                    } else if (driverFeaturesSel == 1) {
                        driverFeatures = (driverFeatures & 0xffff_ffffL) | (uv << 32);
                    }
                }
            }
            case QUEUE_SEL -> queueSel = v < 0 ? Integer.MAX_VALUE : v;
            case QUEUE_NUM -> { if (q != null && !q.ready) q.num = v; }
            case QUEUE_DESC_LOW -> { if (q != null && !q.ready) q.desc = low(q.desc, uv); }
            case QUEUE_DESC_HIGH -> { if (q != null && !q.ready) q.desc = high(q.desc, uv); }
            case QUEUE_DRIVER_LOW -> { if (q != null && !q.ready) q.driver = low(q.driver, uv); }
            case QUEUE_DRIVER_HIGH -> { if (q != null && !q.ready) q.driver = high(q.driver, uv); }
            case QUEUE_DEVICE_LOW -> { if (q != null && !q.ready) q.device = low(q.device, uv); }
            case QUEUE_DEVICE_HIGH -> { if (q != null && !q.ready) q.device = high(q.device, uv); }
            case QUEUE_READY -> { if (q != null) setReady(q, (v & 1) != 0); }
            case QUEUE_NOTIFY -> {
                if (uv < queues.length && live()) {
                    process((int) uv);
                }
            }
            case INTERRUPT_ACK -> {
                interruptStatus &= ~v;
                updateIrq();
            }
            case STATUS -> writeStatus(v & 0xff);
            default -> { } // read-only, SHM and QueueReset (VIRTIO_F_RING_RESET not offered) are ignored
        }
    }

    private static long low(long old, long v) {
        return (old & 0xffff_ffff_0000_0000L) | v;
    }

    private static long high(long old, long v) {
        return (old & 0xffff_ffffL) | (v << 32);
    }

    private boolean live() {
        return !needsReset && (status & (STATUS_DRIVER_OK | STATUS_FEATURES_OK)) == (STATUS_DRIVER_OK | STATUS_FEATURES_OK)
                && (status & STATUS_FAILED) == 0;
    }

    private void setReady(QueueConfig q, boolean ready) {
        if (!ready) {
            q.ready = false;
            q.queue = null;
            return;
        }
        if (q.ready) {
            return;
        }
        q.ready = true;
        q.queue = VirtQueue.create(ram, q.num, device.queueMaxSize(), q.desc, q.driver, q.device,
                (driverFeatures & VIRTIO_RING_F_INDIRECT_DESC) != 0, (driverFeatures & VIRTIO_RING_F_EVENT_IDX) != 0);
        if (q.queue == null) {
            deviceError(String.format("bad queue layout: num=%d desc=0x%x driver=0x%x device=0x%x",
                    q.num, q.desc, q.driver, q.device));
        }
    }

    private void writeStatus(int v) {
        if (v == 0) {
            reset();
            return;
        }
        if ((v & STATUS_FEATURES_OK) != 0 && (status & STATUS_FEATURES_OK) == 0) {
            // section 3.1.1 step 5/6: accept only offered features, and VERSION_1 is required
            if ((driverFeatures & ~deviceFeatures) != 0 || (driverFeatures & VIRTIO_F_VERSION_1) == 0) {
                v &= ~STATUS_FEATURES_OK;
            } else {
                device.negotiated(driverFeatures);
            }
        }
        boolean wasLive = live();
        status = (v & ~STATUS_DEVICE_NEEDS_RESET) | (needsReset ? STATUS_DEVICE_NEEDS_RESET : 0);
        if (!wasLive && live()) {
            for (int i = 0; i < queues.length; i++) {
                process(i);
            }
        }
    }

    /** Device reset (section 2.4). */
    public synchronized void reset() {
        status = 0;
        needsReset = false;
        lastError = null;
        driverFeatures = 0;
        deviceFeaturesSel = 0;
        driverFeaturesSel = 0;
        queueSel = 0;
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new QueueConfig();
        }
        interruptStatus = 0;
        device.reset();
        updateIrq();
    }

    private void process(int index) {
        VirtQueue q = queues[index].queue;
        if (q == null || !live()) {
            return;
        }
        try {
            device.processQueue(index, q);
        } catch (RuntimeException e) {
            q.fail("device error: " + e);
        }
        if (q.needsInterrupt()) {
            interruptStatus |= INT_USED_BUFFER;
        }
        if (q.broken()) {
            deviceError("queue " + index + ": " + q.error());
        }
        updateIrq();
    }

    /** Section 2.1.2: set DEVICE_NEEDS_RESET and, if DRIVER_OK is set, send a configuration change notification. */
    private void deviceError(String why) {
        if (needsReset) {
            return;
        }
        needsReset = true;
        lastError = why;
        status |= STATUS_DEVICE_NEEDS_RESET;
        if ((status & STATUS_DRIVER_OK) != 0) {
            interruptStatus |= INT_CONFIG_CHANGE;
        }
        updateIrq();
    }

    private void updateIrq() {
        boolean level = interruptStatus != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
