package org.opennexus.statefs;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.opennexus.devices.block.BlockBackend;

/**
 * A virtio-blk disk persisted in LMDB, with the semantics of a disk with a volatile write cache.
 *
 * <p>{@link #write} lands in an in-memory cache of dirty 4 KiB blocks (partial blocks are completed
 * from the cache or LMDB first); {@link #read} sees the cache before LMDB. {@link #flush} commits
 * every dirty block (all-zero blocks as deletions) and the metadata with the generation bumped, in
 * one durable LMDB write transaction, and only then returns. A crash therefore leaves the disk at
 * exactly the last completed flush (virtio 1.2 §5.2.6: with VIRTIO_BLK_F_FLUSH the device may
 * cache writes until VIRTIO_BLK_T_FLUSH).
 *
 * <p>The disk directory's {@code nexus.lock} is held (exclusive, or shared when read-only) while
 * attached. All methods are synchronized: the device may call from any thread.
 */
public final class LmdbBlockBackend implements BlockBackend {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final MemorySegment ZERO_BLOCK = MemorySegment.ofArray(new byte[DiskFormat.BLOCK_SIZE]);

    private final Path dir;
    private final DiskOptions options;
    private final LmdbDisk disk;
    private final DiskLock lock;
    private final DirtyBlocks dirty = new DirtyBlocks();
    private final ByteBuffer keyBuf = ByteBuffer.allocateDirect(DiskFormat.KEY_SIZE);
    private final long sizeBytes;
    private final String id;
    private DiskMetadata committed;
    private Txn<ByteBuffer> readTxn;
    private boolean readTxnActive;
    private boolean closed;

    private LmdbBlockBackend(Path dir, DiskOptions options, LmdbDisk disk, DiskLock lock, DiskMetadata meta) {
        this.dir = dir;
        this.options = options;
        this.disk = disk;
        this.lock = lock;
        this.committed = meta;
        this.sizeBytes = meta.sizeBytes();
        String hex = meta.uuid().toString().replace("-", "");
        this.id = "nx" + hex.substring(0, 18);
    }

    /** Attaches an existing disk read-write. */
    public static LmdbBlockBackend open(Path path) throws IOException {
        return open(path, DiskOptions.defaults());
    }

    /**
     * Attaches an existing disk. Clear IOExceptions: missing path ({@link java.nio.file.NoSuchFileException}),
     * not a disk or another format version ({@link DiskFormatException}), attached elsewhere
     * ({@link DiskInUseException}: "disk is in use by another nexus").
     */
    public static LmdbBlockBackend open(Path path, DiskOptions options) throws IOException {
        Path canonical = OpenDisks.existingDisk(path);
        DiskLock lock = DiskLock.acquire(canonical, options.readOnly());
        LmdbDisk disk = null;
        try {
            disk = OpenDisks.acquire(canonical, !options.readOnly(), options.mapSizeBytes());
            if (!options.readOnly()) {
                disk.env.readerCheck(); // free reader slots left by a nexus that was killed
            }
            return new LmdbBlockBackend(canonical, options, disk, lock, disk.readMetadata());
        } catch (IOException | RuntimeException e) {
            if (disk != null) {
                OpenDisks.release(disk);
            }
            closeQuietly(lock, e);
            throw e;
        }
    }

    /**
     * Creates a new, all-zero disk of {@code sizeBytes} (a positive multiple of 512) at {@code path}
     * (which must not exist, or be an empty directory) and attaches it read-write.
     */
    public static LmdbBlockBackend create(Path path, long sizeBytes, DiskOptions options) throws IOException {
        if (sizeBytes <= 0 || sizeBytes % SECTOR_SIZE != 0) {
            throw new IOException("disk size must be a positive multiple of " + SECTOR_SIZE + " bytes: " + sizeBytes);
        }
        if (options.readOnly()) {
            throw new IOException("cannot create a read-only disk");
        }
        boolean createdDir = false;
        if (Files.exists(path)) {
            if (!Files.isDirectory(path) || !isEmptyDirectory(path)) {
                throw new FileAlreadyExistsException(path.toString(), null, "exists and is not an empty directory");
            }
        } else {
            Files.createDirectories(path);
            createdDir = true;
        }
        Path canonical = path.toRealPath();
        DiskLock lock = DiskLock.acquire(canonical, false);
        LmdbDisk disk = null;
        try {
            DiskMetadata meta = DiskMetadata.fresh(sizeBytes, System.currentTimeMillis());
            long mapSize = options.mapSizeBytes() > 0 ? options.mapSizeBytes() : DiskFormat.mapSizeFor(sizeBytes);
            disk = OpenDisks.create(canonical, meta, mapSize);
            return new LmdbBlockBackend(canonical, options, disk, lock, meta);
        } catch (IOException | RuntimeException e) {
            if (disk != null) {
                OpenDisks.release(disk);
            }
            closeQuietly(lock, e);
            for (String f : new String[] {DiskFormat.DATA_FILE, DiskFormat.LMDB_LOCK_FILE, DiskFormat.NEXUS_LOCK_FILE}) {
                Files.deleteIfExists(canonical.resolve(f));
            }
            if (createdDir) {
                Files.deleteIfExists(canonical);
            }
            throw e;
        }
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private static void closeQuietly(AutoCloseable c, Throwable primary) {
        try {
            c.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public boolean readOnly() {
        return options.readOnly();
    }

    @Override
    public String id() {
        return id;
    }

    /** The disk directory (canonical). */
    public Path path() {
        return dir;
    }

    /** The metadata of the last commit (the current flush boundary). */
    public synchronized DiskMetadata metadata() {
        return committed;
    }

    /** Bytes held in the write cache (dirty blocks not yet flushed). */
    public synchronized long dirtyBytes() {
        return dirty.bytes();
    }

    private void checkRange(long offset, long length) throws IOException {
        if (closed) {
            throw new IOException("disk is closed: " + dir);
        }
        if (offset < 0 || length < 0 || offset % SECTOR_SIZE != 0 || length % SECTOR_SIZE != 0
                || offset > sizeBytes - length) {
            throw new IOException("bad disk access: offset " + offset + " length " + length + " on a "
                    + sizeBytes + "-byte disk");
        }
    }

    @Override
    public synchronized void read(long offset, MemorySegment dst) throws IOException {
        long len = dst.byteSize();
        checkRange(offset, len);
        try {
            long pos = 0;
            while (pos < len) {
                long abs = offset + pos;
                long block = abs >>> DiskFormat.BLOCK_SHIFT;
                int in = (int) (abs & (DiskFormat.BLOCK_SIZE - 1));
                int n = (int) Math.min(DiskFormat.BLOCK_SIZE - in, len - pos);
                byte[] cached = dirty.get(block);
                if (cached != null) {
                    MemorySegment.copy(cached, in, dst, BYTE, pos, n);
                } else {
                    ByteBuffer v = storedBlock(block);
                    if (v == null) {
                        dst.asSlice(pos, n).fill((byte) 0);
                    } else {
                        MemorySegment.copy(MemorySegment.ofBuffer(v), in, dst, pos, n);
                    }
                }
                pos += n;
            }
        } catch (LmdbException e) {
            throw new IOException("disk read failed: " + e.getMessage(), e);
        } finally {
            endRead();
        }
    }

    /** The stored block (a view into the map, valid until {@link #endRead}) or null when sparse. */
    private ByteBuffer storedBlock(long block) throws IOException {
        if (!readTxnActive) {
            if (readTxn == null) {
                readTxn = disk.env.txnRead();
            } else {
                readTxn.renew();
            }
            readTxnActive = true;
        }
        ByteBuffer v = disk.blocks.get(readTxn, DiskFormat.key(keyBuf, block));
        if (v != null && v.remaining() != DiskFormat.BLOCK_SIZE) {
            throw new IOException("corrupt disk: block " + block + " holds " + v.remaining() + " bytes");
        }
        return v;
    }

    /** Resets the read transaction so it pins no old pages between requests. */
    private void endRead() {
        if (readTxnActive) {
            readTxnActive = false;
            readTxn.reset();
        }
    }

    @Override
    public synchronized void write(long offset, MemorySegment src) throws IOException {
        long len = src.byteSize();
        checkRange(offset, len);
        if (options.readOnly()) {
            throw new IOException("disk is read-only: " + dir);
        }
        if (len == 0) {
            return;
        }
        long first = offset >>> DiskFormat.BLOCK_SHIFT;
        long last = (offset + len - 1) >>> DiskFormat.BLOCK_SHIFT;
        long missing = 0;
        for (long b = first; b <= last; b++) {
            if (dirty.get(b) == null) {
                missing++;
            }
        }
        if (dirty.bytes() + missing * DiskFormat.BLOCK_SIZE > options.maxDirtyBytes()) {
            throw new IOException("write cache full (" + (dirty.bytes() >> 20) + " MiB unflushed, limit "
                    + (options.maxDirtyBytes() >> 20) + " MiB): the guest must flush");
        }
        try {
            long pos = 0;
            while (pos < len) {
                long abs = offset + pos;
                long block = abs >>> DiskFormat.BLOCK_SHIFT;
                int in = (int) (abs & (DiskFormat.BLOCK_SIZE - 1));
                int n = (int) Math.min(DiskFormat.BLOCK_SIZE - in, len - pos);
                byte[] cached = dirty.get(block);
                if (cached == null) {
                    cached = dirty.add(block);
                    if (n < DiskFormat.BLOCK_SIZE) { // read-modify-write of a partial block
                        ByteBuffer v = storedBlock(block);
                        if (v == null) {
                            java.util.Arrays.fill(cached, (byte) 0);
                        } else {
                            v.duplicate().get(cached);
                        }
                    }
                }
                MemorySegment.copy(src, BYTE, pos, cached, in, n);
                pos += n;
            }
        } catch (LmdbException e) {
            throw new IOException("disk read (for a partial write) failed: " + e.getMessage(), e);
        } finally {
            endRead();
        }
    }

    /**
     * Commits the write cache and the bumped generation in one durable transaction. On failure (for
     * example MDB_MAP_FULL or ENOSPC) the transaction is aborted, the previous flush boundary is intact
     * and the cache is kept, so a later flush may retry.
     */
    @Override
    public synchronized void flush() throws IOException {
        if (closed) {
            throw new IOException("disk is closed: " + dir);
        }
        if (dirty.isEmpty()) {
            return; // nothing since the last commit: already durable
        }
        DiskMetadata next = committed.nextCommit(System.currentTimeMillis());
        try (Txn<ByteBuffer> txn = disk.env.txnWrite()) {
            for (long block : dirty.sortedBlocks()) {
                byte[] data = dirty.get(block);
                ByteBuffer key = DiskFormat.key(keyBuf, block);
                if (MemorySegment.ofArray(data).mismatch(ZERO_BLOCK) == -1) {
                    disk.blocks.delete(txn, key); // sparse: zero blocks are not stored
                } else {
                    disk.blocks.reserve(txn, key, DiskFormat.BLOCK_SIZE).put(data);
                }
            }
            disk.putMetadata(txn, next);
            txn.commit();
        } catch (Env.MapFullException e) {
            throw new IOException("flush failed: disk store is full (LMDB map full, " + mapSizeText()
                    + "); the last flush is intact", e);
        } catch (LmdbException e) {
            throw new IOException("flush failed (" + e.getMessage() + "); the last flush is intact", e);
        }
        committed = next;
        dirty.clear();
    }

    private String mapSizeText() {
        try {
            return "map size " + disk.env.info().mapSize + " bytes";
        } catch (RuntimeException e) {
            return "map size unknown";
        }
    }

    /** Flushes (a clean shutdown is a flush boundary), then detaches. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            release();
        }
    }

    /**
     * Detaches without flushing: the write cache is lost, exactly as at a power failure. The disk
     * stays at the last flush boundary.
     */
    public synchronized void discardAndClose() throws IOException {
        if (closed) {
            return;
        }
        dirty.clear();
        release();
    }

    private void release() throws IOException {
        closed = true;
        try {
            if (readTxn != null) {
                if (!readTxnActive) {
                    readTxn.renew(); // lmdbjava only aborts (frees the reader slot) an active txn
                }
                readTxn.close();
                readTxn = null;
            }
        } catch (RuntimeException ignored) {
            // the reader slot is freed with the environment at the latest
        } finally {
            OpenDisks.release(disk);
            lock.close();
        }
    }

    @Override
    public String toString() {
        return "LmdbBlockBackend[" + dir + ", " + sizeBytes + " bytes" + (readOnly() ? ", read-only" : "") + "]";
    }
}
