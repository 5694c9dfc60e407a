package org.opennexus.devices.virtio;

import org.opennexus.memory.GuestRam;

/**
 * One descriptor chain popped from a {@link VirtQueue}: its segments in order, device-readable ones
 * first, then device-writable ones (virtio 1.2, 2.7.4). Segment addresses are not trusted: a segment
 * whose buffer lies outside RAM is kept, with {@link #inRam} false, so the device can fail just that
 * request. The object is reused by its queue: it is valid until the next {@link VirtQueue#pop()}.
 */
public final class DescriptorChain {
    private final GuestRam ram;
    private final long[] addr;
    private final int[] len;
    private final boolean[] writable;
    private final boolean[] inRam;
    int head;
    int count;
    int firstWritable;

    DescriptorChain(GuestRam ram, int capacity) {
        this.ram = ram;
        this.addr = new long[capacity];
        this.len = new int[capacity];
        this.writable = new boolean[capacity];
        this.inRam = new boolean[capacity];
    }

    void clear(int head) {
        this.head = head;
        this.count = 0;
        this.firstWritable = -1;
    }

    /** Appends a segment; false when the chain is full (longer than the queue size: a loop). */
    boolean add(long a, int l, boolean w) {
        if (count == addr.length) {
            return false;
        }
        addr[count] = a;
        len[count] = l;
        writable[count] = w;
        inRam[count] = ram.contains(a, Integer.toUnsignedLong(l));
        if (w && firstWritable < 0) {
            firstWritable = count;
        }
        count++;
        return true;
    }

    public GuestRam ram() { return ram; }

    /** Index of the head descriptor in the descriptor table (the id written to the used ring). */
    public int head() { return head; }

    public int count() { return count; }

    public long addr(int i) { return addr[i]; }

    /** Segment length in bytes (an unsigned 32-bit value; chains with lengths over 2^31 are not in RAM). */
    public int length(int i) { return len[i]; }

    public boolean writable(int i) { return writable[i]; }

    public boolean inRam(int i) { return inRam[i]; }

    /** Index of the first device-writable segment, or {@link #count()} if none. */
    public int firstWritable() { return firstWritable < 0 ? count : firstWritable; }

    /** Total device-readable bytes. */
    public long readableBytes() {
        long n = 0;
        for (int i = 0; i < firstWritable(); i++) {
            n += Integer.toUnsignedLong(len[i]);
        }
        return n;
    }

    /** Total device-writable bytes. */
    public long writableBytes() {
        long n = 0;
        for (int i = firstWritable(); i < count; i++) {
            n += Integer.toUnsignedLong(len[i]);
        }
        return n;
    }

    /**
     * Copies {@code length} bytes starting {@code offset} bytes into the readable part into {@code dst}.
     * Returns false (copying nothing useful) if that range is not wholly readable and in RAM.
     */
    public boolean readBytes(long offset, byte[] dst, int length) {
        int copied = 0;
        long skip = offset;
        for (int i = 0; i < firstWritable() && copied < length; i++) {
            long l = Integer.toUnsignedLong(len[i]);
            if (skip >= l) {
                skip -= l;
                continue;
            }
            if (!inRam[i]) {
                return false;
            }
            int n = (int) Math.min(l - skip, length - copied);
            ram.copyOut(addr[i] + skip, dst, copied, n);
            copied += n;
            skip = 0;
        }
        return copied == length;
    }

    /**
     * Copies {@code length} bytes of {@code src} into the writable part, starting {@code offset} bytes
     * into it. Returns false if that range is not wholly writable and in RAM (nothing is written then).
     */
    public boolean writeBytes(long offset, byte[] src, int length) {
        if (!writableRangeInRam(offset, length)) {
            return false;
        }
        int copied = 0;
        long skip = offset;
        for (int i = firstWritable(); i < count && copied < length; i++) {
            long l = Integer.toUnsignedLong(len[i]);
            if (skip >= l) {
                skip -= l;
                continue;
            }
            int n = (int) Math.min(l - skip, length - copied);
            ram.copyIn(addr[i] + skip, src, copied, n);
            copied += n;
            skip = 0;
        }
        return true;
    }

    /** True when {@code [offset, offset+length)} of the writable part exists and lies in RAM. */
    public boolean writableRangeInRam(long offset, long length) {
        long pos = 0;
        long end = offset + length;
        for (int i = firstWritable(); i < count && pos < end; i++) {
            long l = Integer.toUnsignedLong(len[i]);
            if (pos + l > offset && l > 0 && !inRam[i]) {
                return false;
            }
            pos += l;
        }
        return pos >= end;
    }
}
