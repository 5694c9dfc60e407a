package org.opennexus.devices.block;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A disk image in a plain file ("raw" format). Capacity is the file size rounded down to a whole
 * sector; {@link #flush()} is {@code FileChannel.force(true)}.
 */
public final class RawFileBackend implements BlockBackend {
    private final FileChannel channel;
    private final boolean readOnly;
    private final long size;
    private final String id;

    private RawFileBackend(FileChannel channel, boolean readOnly, long size, String id) {
        this.channel = channel;
        this.readOnly = readOnly;
        this.size = size;
        this.id = id;
    }

    public static RawFileBackend open(Path path, boolean readOnly) throws IOException {
        FileChannel ch = readOnly
                ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = ch.size() & ~(long) (SECTOR_SIZE - 1);
        Path name = path.getFileName();
        return new RawFileBackend(ch, readOnly, size, name == null ? "raw" : name.toString());
    }

    @Override
    public long sizeBytes() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void read(long offset, MemorySegment dst) throws IOException {
        checkRange(offset, dst.byteSize());
        ByteBuffer buf = dst.asByteBuffer();
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of disk image at byte " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void write(long offset, MemorySegment src) throws IOException {
        if (readOnly) {
            throw new IOException("read-only disk");
        }
        checkRange(offset, src.byteSize());
        ByteBuffer buf = src.asByteBuffer();
        long pos = offset;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    private void checkRange(long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IOException("access [" + offset + ", +" + length + ") outside disk of " + size + " bytes");
        }
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            channel.force(true);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
