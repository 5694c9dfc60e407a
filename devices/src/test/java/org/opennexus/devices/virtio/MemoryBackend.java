package org.opennexus.devices.virtio;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.opennexus.devices.block.BlockBackend;

/** An in-memory disk for tests, counting flushes. */
final class MemoryBackend implements BlockBackend {
    final byte[] data;
    final boolean readOnly;
    int flushes;
    int writes;
    boolean failIo;

    MemoryBackend(int sectors, boolean readOnly) {
        this.data = new byte[sectors * SECTOR_SIZE];
        this.readOnly = readOnly;
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 9));
        }
    }

    @Override public long sizeBytes() { return data.length; }
    @Override public boolean readOnly() { return readOnly; }

    @Override
    public void read(long offset, MemorySegment dst) throws IOException {
        if (failIo) throw new IOException("injected");
        MemorySegment.copy(data, (int) offset, dst, ValueLayout.JAVA_BYTE, 0, (int) dst.byteSize());
    }

    @Override
    public void write(long offset, MemorySegment src) throws IOException {
        if (failIo) throw new IOException("injected");
        if (readOnly) throw new AssertionError("device wrote to a read-only backend");
        writes++;
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 0, data, (int) offset, (int) src.byteSize());
    }

    @Override public void flush() { flushes++; }
    @Override public String id() { return "nexus-test-disk"; }
    @Override public void close() { }
}
