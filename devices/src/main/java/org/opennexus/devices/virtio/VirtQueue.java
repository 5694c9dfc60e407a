package org.opennexus.devices.virtio;

import org.opennexus.memory.GuestRam;

/**
 * A split virtqueue (virtio 1.2, section 2.7): descriptor table, available ring, used ring.
 *
 * <p>All guest-controlled values are checked. Ring errors the device cannot recover from (an avail
 * index that moved by more than the queue size, a descriptor index out of range, a chain longer than
 * the queue size, i.e. a loop, a bad indirect table, a readable descriptor after a writable one) mark
 * the queue {@link #broken()}; the transport then sets DEVICE_NEEDS_RESET. Like QEMU, these are all
 * treated as fatal for the device. Buffer addresses outside RAM are not ring errors: the chain carries
 * them and the device fails the single request.
 */
public final class VirtQueue {
    public static final int VIRTQ_DESC_F_NEXT = 1;
    public static final int VIRTQ_DESC_F_WRITE = 2;
    public static final int VIRTQ_DESC_F_INDIRECT = 4;
    public static final int VIRTQ_AVAIL_F_NO_INTERRUPT = 1;
    static final int DESC_SIZE = 16;

    private final GuestRam ram;
    private final int size;
    private final long desc;
    private final long avail;
    private final long used;
    private final boolean indirect;
    private final boolean eventIdx;
    private final DescriptorChain chain;

    private int lastAvail;      // next available-ring slot to consume (free-running 16-bit)
    private int usedIdx;        // our copy of used->idx
    private int signalledUsed;  // used idx at the last interrupt decision (EVENT_IDX)
    private boolean signalledValid;
    private boolean pushedSinceCheck;
    private boolean broken;
    private String error;

    private VirtQueue(GuestRam ram, int size, long desc, long avail, long used, boolean indirect, boolean eventIdx) {
        this.ram = ram;
        this.size = size;
        this.desc = desc;
        this.avail = avail;
        this.used = used;
        this.indirect = indirect;
        this.eventIdx = eventIdx;
        this.chain = new DescriptorChain(ram, size);
    }

    /**
     * A queue over the given rings, or {@code null} if the layout is invalid: size not a power of two
     * in [1, maxSize], a misaligned ring (desc 16, avail 2, used 4 bytes; section 2.7) or a ring outside
     * RAM. The device's indices start at 0, as after a reset (section 2.7.6).
     */
    public static VirtQueue create(GuestRam ram, int size, int maxSize, long desc, long avail, long used,
                                   boolean indirect, boolean eventIdx) {
        if (size < 1 || size > maxSize || size > 32768 || (size & (size - 1)) != 0) {
            return null;
        }
        if ((desc & 15) != 0 || (avail & 1) != 0 || (used & 3) != 0) {
            return null;
        }
        long extra = eventIdx ? 2 : 0;
        if (!ram.contains(desc, (long) DESC_SIZE * size)
                || !ram.contains(avail, 4 + 2L * size + extra)
                || !ram.contains(used, 4 + 8L * size + extra)) {
            return null;
        }
        return new VirtQueue(ram, size, desc, avail, used, indirect, eventIdx); // indices start at 0
    }

    public int size() { return size; }

    public GuestRam ram() { return ram; }

    public boolean broken() { return broken; }

    /** Why the queue broke, for logs; null if it did not. */
    public String error() { return error; }

    /** Marks an unrecoverable error: the transport will set DEVICE_NEEDS_RESET. */
    public void fail(String why) {
        if (!broken) {
            broken = true;
            error = why;
        }
    }

    private int u16(long paddr) {
        return ram.loadShortAt(paddr - ram.base()) & 0xffff;
    }

    /**
     * The next available descriptor chain, or {@code null} if there is none or the queue is broken.
     * The returned object is reused by the next call.
     */
    public DescriptorChain pop() {
        if (broken) {
            return null;
        }
        int availIdx = u16(avail + 2);
        int waiting = (availIdx - lastAvail) & 0xffff;
        if (waiting == 0) {
            if (eventIdx) {
                // avail_event: ask to be notified as soon as anything new arrives (section 2.7.10)
                ram.storeShortAt(used + 4 + 8L * size - ram.base(), (short) lastAvail);
                ram.dmaWritten(used + 4 + 8L * size, 2);
            }
            return null;
        }
        if (waiting > size) {
            fail("avail index moved from " + lastAvail + " to " + availIdx);
            return null;
        }
        int head = u16(avail + 4 + 2L * (lastAvail % size));
        lastAvail = (lastAvail + 1) & 0xffff;
        if (head >= size) {
            fail("available head " + head + " >= queue size " + size);
            return null;
        }
        return walk(head) ? chain : null;
    }

    private boolean walk(int head) {
        chain.clear(head);
        long table = desc;
        int tableSize = size;
        int i = head;
        long d = table + (long) DESC_SIZE * i;
        int flags = ram.loadShortAt(d + 12 - ram.base()) & 0xffff;
        if ((flags & VIRTQ_DESC_F_INDIRECT) != 0) {
            long a = ram.loadLongAt(d - ram.base());
            long l = Integer.toUnsignedLong(ram.loadIntAt(d + 8 - ram.base()));
            // section 2.7.5.3: only with the feature, a whole number of descriptors, not with NEXT
            if (!indirect || l == 0 || (l % DESC_SIZE) != 0 || (flags & VIRTQ_DESC_F_NEXT) != 0
                    || !ram.contains(a, l) || l / DESC_SIZE > size) {
                fail("bad indirect descriptor at head " + head);
                return false;
            }
            table = a;
            tableSize = (int) (l / DESC_SIZE);
            i = 0;
        }
        while (true) {
            d = table + (long) DESC_SIZE * i;
            long a = ram.loadLongAt(d - ram.base());
            int l = ram.loadIntAt(d + 8 - ram.base());
            flags = ram.loadShortAt(d + 12 - ram.base()) & 0xffff;
            int next = ram.loadShortAt(d + 14 - ram.base()) & 0xffff;
            if ((flags & VIRTQ_DESC_F_INDIRECT) != 0) {
                fail("indirect descriptor inside a chain");
                return false;
            }
            boolean w = (flags & VIRTQ_DESC_F_WRITE) != 0;
            if (!w && chain.firstWritable >= 0) {
                fail("readable descriptor after a writable one");
                return false;
            }
            if (!chain.add(a, l, w)) {
                fail("descriptor chain longer than the queue size (loop?)");
                return false;
            }
            if ((flags & VIRTQ_DESC_F_NEXT) == 0) {
                return true;
            }
            if (next >= tableSize) {
                fail("descriptor next " + next + " out of range");
                return false;
            }
            i = next;
        }
    }

    /** Returns a chain to the driver through the used ring with {@code written} bytes written into it. */
    public void push(DescriptorChain c, int written) {
        if (broken) {
            return;
        }
        long elem = used + 4 + 8L * (usedIdx % size);
        ram.storeIntAt(elem - ram.base(), c.head);
        ram.storeIntAt(elem + 4 - ram.base(), written);
        ram.dmaWritten(elem, 8);
        usedIdx = (usedIdx + 1) & 0xffff;
        ram.storeShortAt(used + 2 - ram.base(), (short) usedIdx); // after the element (section 2.7.8)
        ram.dmaWritten(used + 2, 2);
        pushedSinceCheck = true;
    }

    /**
     * Whether the driver wants a used-buffer notification for what was pushed since the last call:
     * VIRTQ_AVAIL_F_NO_INTERRUPT without EVENT_IDX, used_event with it (section 2.7.7.2).
     */
    boolean needsInterrupt() {
        if (!pushedSinceCheck) {
            return false;
        }
        pushedSinceCheck = false;
        if (!eventIdx) {
            return (u16(avail) & VIRTQ_AVAIL_F_NO_INTERRUPT) == 0;
        }
        int old = signalledUsed;
        int now = usedIdx;
        boolean valid = signalledValid;
        signalledUsed = now;
        signalledValid = true;
        int usedEvent = u16(avail + 4 + 2L * size);
        // vring_need_event(event, new, old): (u16)(new - event - 1) < (u16)(new - old)
        return !valid || ((now - usedEvent - 1) & 0xffff) < ((now - old) & 0xffff);
    }
}
