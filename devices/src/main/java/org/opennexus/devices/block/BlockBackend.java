package org.opennexus.devices.block;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Storage behind a virtio-blk disk. Implemented by the raw-file backend here and by the LMDB
 * backend in {@code statefs-store}.
 *
 * <p>Semantics are those of a disk with a volatile write cache: a completed {@link #write} may sit
 * in a cache until {@link #flush} returns, and after a crash the disk holds the state of some flush
 * boundary. Offsets and lengths are multiples of {@link #SECTOR_SIZE}; the device checks ranges
 * before calling. An {@link IOException} becomes {@code VIRTIO_BLK_S_IOERR} for the guest.
 */
public interface BlockBackend extends AutoCloseable {
    int SECTOR_SIZE = 512;

    /** Capacity in bytes (a multiple of {@link #SECTOR_SIZE}). */
    long sizeBytes();

    /** True when the guest must not write (writes fail with an I/O error, the disk is untouched). */
    boolean readOnly();

    /** Fills {@code dst} (its whole length) from the disk at byte {@code offset}. */
    void read(long offset, MemorySegment dst) throws IOException;

    /** Writes {@code src} (its whole length) at byte {@code offset}. */
    void write(long offset, MemorySegment src) throws IOException;

    /** Makes every completed write durable before returning. */
    void flush() throws IOException;

    /** A short identifier for VIRTIO_BLK_T_GET_ID (at most 20 bytes are used). */
    String id();

    /** Flushes (a clean shutdown is a flush boundary) and releases the backend. */
    @Override
    void close() throws IOException;
}
