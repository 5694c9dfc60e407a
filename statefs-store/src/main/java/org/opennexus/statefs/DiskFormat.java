package org.opennexus.statefs;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * On-disk format of an LMDB disk (format version {@value #FORMAT_VERSION}); see docs/storage.md.
 *
 * <p>A disk is one LMDB environment directory holding {@code data.mdb} and {@code lock.mdb} (LMDB's
 * own files) plus {@code nexus.lock} (our in-use lock). Two named databases: {@value #BLOCKS_DB}
 * maps a block number (8 bytes, big-endian, so memcmp order equals numeric order) to exactly
 * {@value #BLOCK_SIZE} bytes; blocks that are all zero are absent. {@value #META_DB} holds one
 * record under the key {@value #META_KEY} ({@link DiskMetadata}).
 */
public final class DiskFormat {
    public static final int FORMAT_VERSION = 1;
    public static final int BLOCK_SIZE = 4096;
    public static final int BLOCK_SHIFT = 12;
    public static final int KEY_SIZE = 8;
    public static final String BLOCKS_DB = "blocks";
    public static final String META_DB = "meta";
    public static final String META_KEY = "disk";
    public static final String DATA_FILE = "data.mdb";
    public static final String LMDB_LOCK_FILE = "lock.mdb";
    public static final String NEXUS_LOCK_FILE = "nexus.lock";
    /** Fixed slack added to every map size (branch/leaf pages, free lists, small disks). */
    public static final long MAP_SLACK = 64L << 20;

    private DiskFormat() { }

    /** Number of 4 KiB blocks covering {@code sizeBytes} (the last one may be partly beyond the end). */
    public static long blockCount(long sizeBytes) {
        return (sizeBytes + BLOCK_SIZE - 1) >>> BLOCK_SHIFT;
    }

    /**
     * Default LMDB map size for a disk. A 4096-byte value does not fit a 4096-byte LMDB page with its
     * 16-byte header, so each stored block takes two overflow pages (2x the disk size when full);
     * copy-on-write needs old and new pages during a flush that rewrites everything (4x), and pages
     * freed by the previous transaction are reusable only one commit later: 8x plus slack. The map is
     * address space only: on Linux data.mdb grows with the pages actually used.
     */
    public static long mapSizeFor(long sizeBytes) {
        long m = (sizeBytes > (1L << 56) ? (1L << 59) : sizeBytes * 8) + MAP_SLACK;
        return (m + (1 << 20) - 1) & ~((1L << 20) - 1);
    }

    /** Writes the big-endian key of {@code block} into a direct 8-byte buffer (position 0, limit 8). */
    public static ByteBuffer key(ByteBuffer keyBuf, long block) {
        keyBuf.clear();
        keyBuf.putLong(0, block);
        return keyBuf;
    }

    public static long blockOf(ByteBuffer key) {
        return key.getLong(key.position());
    }

    public static boolean isDiskDirectory(Path dir) {
        return java.nio.file.Files.isRegularFile(dir.resolve(DATA_FILE));
    }
}
