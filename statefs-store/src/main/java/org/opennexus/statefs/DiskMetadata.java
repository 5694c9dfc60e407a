package org.opennexus.statefs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The metadata record of a disk, stored in the {@value DiskFormat#META_DB} database.
 *
 * <p>Layout (big-endian, {@value #ENCODED_SIZE} bytes): magic "NXSTATFS" (8), format version (u32),
 * block size (u32), size in bytes (u64), creation time in ms since the epoch (u64), UUID (16:
 * most then least significant half), generation (u64, +1 at every commit), last commit time in ms
 * (u64), CRC-32C of all preceding bytes (u32).
 */
public record DiskMetadata(long sizeBytes, int blockSize, long createdMillis, UUID uuid,
                           long generation, int formatVersion, long lastCommitMillis) {
    public static final byte[] MAGIC = "NXSTATFS".getBytes(StandardCharsets.US_ASCII);
    public static final int ENCODED_SIZE = 8 + 4 + 4 + 8 + 8 + 16 + 8 + 8 + 4;

    public static DiskMetadata fresh(long sizeBytes, long nowMillis) {
        return new DiskMetadata(sizeBytes, DiskFormat.BLOCK_SIZE, nowMillis, UUID.randomUUID(), 0,
                DiskFormat.FORMAT_VERSION, nowMillis);
    }

    /** The record written by the next commit. */
    public DiskMetadata nextCommit(long nowMillis) {
        return new DiskMetadata(sizeBytes, blockSize, createdMillis, uuid, generation + 1, formatVersion,
                nowMillis);
    }

    public long blockCount() {
        return DiskFormat.blockCount(sizeBytes);
    }

    public void encodeTo(ByteBuffer out) {
        ByteBuffer b = out.duplicate().order(ByteOrder.BIG_ENDIAN);
        int start = b.position();
        b.put(MAGIC).putInt(formatVersion).putInt(blockSize).putLong(sizeBytes).putLong(createdMillis)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .putLong(generation).putLong(lastCommitMillis);
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(start).limit(b.position()));
        b.putInt((int) crc.getValue());
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(ENCODED_SIZE);
        encodeTo(b);
        return b.array();
    }

    /**
     * Decodes and validates a record: magic, format version (checked before anything that depends on
     * the layout), length, CRC, block size and disk size.
     */
    public static DiskMetadata decode(ByteBuffer in) throws DiskFormatException {
        ByteBuffer b = in.duplicate().order(ByteOrder.BIG_ENDIAN);
        int start = b.position();
        if (b.remaining() < MAGIC.length + 4) {
            throw new DiskFormatException("corrupt metadata record: " + b.remaining() + " bytes");
        }
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new DiskFormatException("corrupt metadata record: bad magic");
        }
        int version = b.getInt();
        if (version != DiskFormat.FORMAT_VERSION) {
            throw new DiskFormatException("unsupported disk format version " + version
                    + " (this nexus reads version " + DiskFormat.FORMAT_VERSION + ")");
        }
        if (in.remaining() != ENCODED_SIZE) {
            throw new DiskFormatException("corrupt metadata record: " + in.remaining() + " bytes, expected "
                    + ENCODED_SIZE);
        }
        int blockSize = b.getInt();
        long size = b.getLong();
        long created = b.getLong();
        UUID uuid = new UUID(b.getLong(), b.getLong());
        long generation = b.getLong();
        long lastCommit = b.getLong();
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(start).limit(b.position()));
        int stored = b.getInt();
        if (stored != (int) crc.getValue()) {
            throw new DiskFormatException("corrupt metadata record: CRC mismatch");
        }
        if (blockSize != DiskFormat.BLOCK_SIZE) {
            throw new DiskFormatException("corrupt metadata record: block size " + blockSize);
        }
        if (size <= 0 || size % 512 != 0) {
            throw new DiskFormatException("corrupt metadata record: disk size " + size);
        }
        if (generation < 0) {
            throw new DiskFormatException("corrupt metadata record: generation " + generation);
        }
        return new DiskMetadata(size, blockSize, created, uuid, generation, version, lastCommit);
    }
}
