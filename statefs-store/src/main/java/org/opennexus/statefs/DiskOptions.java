package org.opennexus.statefs;

/**
 * How an LMDB disk is attached.
 *
 * @param readOnly      guest writes fail with an I/O error; the environment is opened MDB_RDONLY_ENV
 * @param maxDirtyBytes bound of the volatile write cache; a write that would exceed it fails with an
 *                      I/O error (the guest must flush) instead of growing the heap without limit
 * @param mapSizeBytes  LMDB map size; 0 means {@link DiskFormat#mapSizeFor} at creation and the size
 *                      stored in data.mdb when opening (tests set it tiny to simulate a full disk)
 */
public record DiskOptions(boolean readOnly, long maxDirtyBytes, long mapSizeBytes) {
    public static final long DEFAULT_MAX_DIRTY_BYTES = 256L << 20;

    public DiskOptions {
        if (maxDirtyBytes < DiskFormat.BLOCK_SIZE) {
            throw new IllegalArgumentException("maxDirtyBytes must be at least one block: " + maxDirtyBytes);
        }
        if (mapSizeBytes < 0) {
            throw new IllegalArgumentException("mapSizeBytes must be >= 0: " + mapSizeBytes);
        }
    }

    public static DiskOptions defaults() {
        return new DiskOptions(false, DEFAULT_MAX_DIRTY_BYTES, 0);
    }

    public static DiskOptions readOnlyDefaults() {
        return defaults().withReadOnly(true);
    }

    public DiskOptions withReadOnly(boolean ro) {
        return new DiskOptions(ro, maxDirtyBytes, mapSizeBytes);
    }

    public DiskOptions withMaxDirtyBytes(long bytes) {
        return new DiskOptions(readOnly, bytes, mapSizeBytes);
    }

    public DiskOptions withMapSizeBytes(long bytes) {
        return new DiskOptions(readOnly, maxDirtyBytes, bytes);
    }
}
