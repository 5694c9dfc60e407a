package org.opennexus.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Guest DRAM: one off-heap {@link MemorySegment}, little-endian, accessed with unaligned layouts.
 *
 * <p>The segment comes from an automatic arena: it is never closed on the hot path and is freed
 * when the machine that owns it becomes unreachable. Offsets passed to the {@code *At} accessors are
 * relative to the start of RAM; callers (bus, TLB, devices doing DMA) have already checked bounds.
 */
public final class GuestRam {
    public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Listener told about writes that bypass the harts' store path (DMA, loaders). */
    public interface WriteListener {
        void written(long physicalAddress, long length);
    }

    private final MemorySegment segment;
    private final long base;
    private final long size;
    private volatile WriteListener dmaListener = (a, l) -> { };

    public GuestRam(long base, long size) {
        if (size <= 0 || (size & 0xfff) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + size);
        }
        this.base = base;
        this.size = size;
        this.segment = Arena.ofAuto().allocate(size, 4096);
    }

    public MemorySegment segment() { return segment; }
    public long base() { return base; }
    public long size() { return size; }

    /** True when [paddr, paddr+length) lies wholly inside RAM. */
    public boolean contains(long paddr, long length) {
        long off = paddr - base;
        return length >= 0 && off >= 0 && off <= size - length;
    }

    public byte loadByteAt(long offset) { return segment.get(BYTE, offset); }
    public short loadShortAt(long offset) { return segment.get(SHORT, offset); }
    public int loadIntAt(long offset) { return segment.get(INT, offset); }
    public long loadLongAt(long offset) { return segment.get(LONG, offset); }
    public void storeByteAt(long offset, byte v) { segment.set(BYTE, offset, v); }
    public void storeShortAt(long offset, short v) { segment.set(SHORT, offset, v); }
    public void storeIntAt(long offset, int v) { segment.set(INT, offset, v); }
    public void storeLongAt(long offset, long v) { segment.set(LONG, offset, v); }

    /** Zero-extended read of 1, 2, 4 or 8 bytes at a RAM offset. */
    public long readAt(long offset, int size) {
        return switch (size) {
            case 1 -> segment.get(BYTE, offset) & 0xffL;
            case 2 -> segment.get(SHORT, offset) & 0xffffL;
            case 4 -> segment.get(INT, offset) & 0xffff_ffffL;
            default -> segment.get(LONG, offset);
        };
    }

    /** Write of 1, 2, 4 or 8 bytes at a RAM offset. */
    public void writeAt(long offset, int size, long value) {
        switch (size) {
            case 1 -> segment.set(BYTE, offset, (byte) value);
            case 2 -> segment.set(SHORT, offset, (short) value);
            case 4 -> segment.set(INT, offset, (int) value);
            default -> segment.set(LONG, offset, value);
        }
    }

    /** Copies host bytes into guest RAM (loaders, DMA) and tells the write listener. */
    public void copyIn(long paddr, byte[] data, int from, int length) {
        checkRange(paddr, length);
        MemorySegment.copy(data, from, segment, BYTE, paddr - base, length);
        dmaListener.written(paddr, length);
    }

    /** Copies guest RAM out to host bytes. */
    public void copyOut(long paddr, byte[] data, int to, int length) {
        checkRange(paddr, length);
        MemorySegment.copy(segment, BYTE, paddr - base, data, to, length);
    }

    /** A view of [paddr, paddr+length) for zero-copy device I/O. Callers writing into it must call {@link #dmaWritten}. */
    public MemorySegment slice(long paddr, long length) {
        checkRange(paddr, length);
        return segment.asSlice(paddr - base, length);
    }

    /** Tells the write listener that a device wrote [paddr, paddr+length) behind the harts' back. */
    public void dmaWritten(long paddr, long length) {
        dmaListener.written(paddr, length);
    }

    public void setDmaListener(WriteListener listener) {
        this.dmaListener = listener;
    }

    private void checkRange(long paddr, long length) {
        if (!contains(paddr, length)) {
            throw new IndexOutOfBoundsException(String.format(
                    "guest range [0x%x, +0x%x) is outside RAM [0x%x, +0x%x)", paddr, length, base, size));
        }
    }
}
