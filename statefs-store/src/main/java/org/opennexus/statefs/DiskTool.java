package org.opennexus.statefs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.lmdbjava.CopyFlags;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * Disk tools behind {@code nexus disk} (see {@link DiskCommand}): create, info, import, export,
 * snapshot and check. Every reading tool works while a nexus has the disk attached: it opens the
 * environment read-only without taking {@code nexus.lock} and reads in one LMDB read transaction, so
 * it sees exactly the last flush boundary. Inside the attaching JVM the open environment is shared.
 */
public final class DiskTool {
    private static final int IMPORT_CHUNK = 1 << 20;
    private static final long IMPORT_FLUSH_BYTES = 64L << 20;

    private DiskTool() { }

    /** What {@code nexus disk info} prints. */
    public record DiskInfo(Path path, long sizeBytes, int blockSize, long blocksUsed, long blocksTotal,
                           long generation, Instant created, Instant lastCommit, UUID uuid, int formatVersion,
                           long storeBytes) {
        public String format() {
            return String.join("\n",
                    "path:           " + path,
                    "size:           " + sizeBytes + " bytes (" + human(sizeBytes) + ")",
                    "block size:     " + blockSize,
                    "blocks used:    " + blocksUsed + " of " + blocksTotal + " ("
                            + human(blocksUsed * blockSize) + " stored)",
                    "generation:     " + generation,
                    "last commit:    " + lastCommit,
                    "created:        " + created,
                    "uuid:           " + uuid,
                    "format version: " + formatVersion,
                    "store file:     " + storeBytes + " bytes (data.mdb)");
        }
    }

    /** What {@code nexus disk check} finds; {@link #ok()} is false when the disk is corrupt. */
    public record CheckReport(Path path, List<String> errors, List<String> warnings, long blocksChecked) {
        public boolean ok() {
            return errors.isEmpty();
        }

        public String format() {
            StringBuilder sb = new StringBuilder();
            for (String e : errors) {
                sb.append("error: ").append(e).append('\n');
            }
            for (String w : warnings) {
                sb.append("warning: ").append(w).append('\n');
            }
            sb.append(ok() ? "ok: " : "CORRUPT: ").append(path).append(", ").append(blocksChecked)
                    .append(" blocks checked, ").append(errors.size()).append(" errors, ")
                    .append(warnings.size()).append(" warnings");
            return sb.toString();
        }
    }

    /** Creates an all-zero disk of {@code sizeBytes}. */
    public static DiskInfo create(Path disk, long sizeBytes) throws IOException {
        LmdbBlockBackend.create(disk, sizeBytes, DiskOptions.defaults()).close();
        return info(disk);
    }

    public static DiskInfo info(Path disk) throws IOException {
        Path dir = OpenDisks.existingDisk(disk);
        LmdbDisk d = OpenDisks.acquire(dir, false, 0);
        try (Txn<ByteBuffer> txn = d.env.txnRead()) {
            DiskMetadata m = d.readMetadata(txn);
            long used = d.blocks.stat(txn).entries;
            return new DiskInfo(dir, m.sizeBytes(), m.blockSize(), used, m.blockCount(), m.generation(),
                    Instant.ofEpochMilli(m.createdMillis()), Instant.ofEpochMilli(m.lastCommitMillis()), m.uuid(),
                    m.formatVersion(), d.dataFileBytes());
        } catch (LmdbException e) {
            throw new IOException("cannot read " + dir + ": " + e.getMessage(), e);
        } finally {
            OpenDisks.release(d);
        }
    }

    /**
     * Imports a raw image (its length a multiple of 512) into a new disk; all-zero blocks are not
     * stored. Not atomic: on failure the new disk is deleted.
     */
    public static DiskInfo importRaw(Path raw, Path disk) throws IOException {
        long size = Files.size(raw);
        if (size == 0 || size % 512 != 0) {
            throw new IOException("raw image size must be a positive multiple of 512 bytes: " + raw + " is " + size);
        }
        LmdbBlockBackend d = LmdbBlockBackend.create(disk, size, DiskOptions.defaults());
        boolean ok = false;
        try (FileChannel in = FileChannel.open(raw, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(IMPORT_CHUNK);
            MemorySegment seg = MemorySegment.ofArray(buf.array());
            MemorySegment zeros = MemorySegment.ofArray(new byte[DiskFormat.BLOCK_SIZE]);
            long unflushed = 0;
            for (long off = 0; off < size; off += IMPORT_CHUNK) {
                int n = (int) Math.min(IMPORT_CHUNK, size - off);
                buf.clear().limit(n);
                while (buf.hasRemaining()) {
                    if (in.read(buf, off + buf.position()) < 0) {
                        throw new IOException("raw image shrank while importing: " + raw);
                    }
                }
                for (int b = 0; b < n; b += DiskFormat.BLOCK_SIZE) {
                    int len = Math.min(DiskFormat.BLOCK_SIZE, n - b);
                    MemorySegment block = seg.asSlice(b, len);
                    if (block.mismatch(zeros.asSlice(0, len)) != -1) { // the new disk is zero
                        d.write(off + b, block);
                        unflushed += len;
                    }
                }
                if (unflushed >= IMPORT_FLUSH_BYTES) {
                    d.flush();
                    unflushed = 0;
                }
            }
            d.close();
            ok = true;
        } finally {
            if (!ok) {
                d.discardAndClose();
                deleteDisk(d.path());
            }
        }
        return info(disk);
    }

    /** Writes the disk as a raw image of exactly its size (holes where blocks are sparse); returns the size. */
    public static long exportRaw(Path disk, Path raw) throws IOException {
        Path dir = OpenDisks.existingDisk(disk);
        LmdbDisk d = OpenDisks.acquire(dir, false, 0);
        try (Txn<ByteBuffer> txn = d.env.txnRead()) {
            DiskMetadata m = d.readMetadata(txn);
            long size = m.sizeBytes();
            try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
                f.setLength(0);
                f.setLength(size);
                FileChannel out = f.getChannel();
                try (CursorIterable<ByteBuffer> it = d.blocks.iterate(txn)) {
                    for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
                        long block = DiskFormat.blockOf(kv.key());
                        long off = block << DiskFormat.BLOCK_SHIFT;
                        if (kv.key().remaining() != DiskFormat.KEY_SIZE || block < 0 || off >= size
                                || kv.val().remaining() != DiskFormat.BLOCK_SIZE) {
                            throw new IOException("corrupt disk (run nexus disk check): bad block record " + block);
                        }
                        ByteBuffer v = kv.val().duplicate();
                        v.limit(v.position() + (int) Math.min(DiskFormat.BLOCK_SIZE, size - off));
                        while (v.hasRemaining()) {
                            out.write(v, off + (v.position() - kv.val().position()));
                        }
                    }
                }
                out.force(true);
            }
            return size;
        } catch (LmdbException e) {
            throw new IOException("cannot export " + dir + ": " + e.getMessage(), e);
        } finally {
            OpenDisks.release(d);
        }
    }

    /**
     * A consistent, compacted copy of the disk's last flush boundary into {@code dest} (new or an
     * empty directory), safe while a nexus has the disk attached (LMDB's mdb_env_copy2 with
     * MDB_CP_COMPACT runs in a read transaction). The copy keeps the UUID and generation.
     */
    public static DiskInfo snapshot(Path disk, Path dest) throws IOException {
        Path dir = OpenDisks.existingDisk(disk);
        boolean createdDir = prepareEmptyDirectory(dest);
        LmdbDisk d = OpenDisks.acquire(dir, false, 0);
        boolean ok = false;
        try {
            d.env.copy(dest.toFile(), CopyFlags.MDB_CP_COMPACT);
            ok = true;
        } catch (LmdbException e) {
            throw new IOException("snapshot of " + dir + " failed: " + e.getMessage(), e);
        } finally {
            OpenDisks.release(d);
            if (!ok) {
                Files.deleteIfExists(dest.resolve(DiskFormat.DATA_FILE));
                if (createdDir) {
                    Files.deleteIfExists(dest);
                }
            }
        }
        return info(dest);
    }

    /**
     * Verifies the metadata record (magic, version, CRC, block and disk size), the database set, and
     * every block record (8-byte key, block number inside the disk, 4096-byte value) and the counts.
     */
    public static CheckReport check(Path disk) throws IOException {
        Path dir = OpenDisks.existingDisk(disk);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long checked = 0;
        LmdbDisk d;
        try {
            d = OpenDisks.acquire(dir, false, 0, false);
        } catch (DiskFormatException e) {
            errors.add(e.getMessage());
            return new CheckReport(dir, errors, warnings, 0);
        }
        try (Txn<ByteBuffer> txn = d.env.txnRead()) {
            DiskMetadata m = null;
            try {
                m = d.readMetadata(txn);
            } catch (DiskFormatException e) {
                errors.add(e.getMessage());
            }
            Set<String> names = new HashSet<>();
            for (byte[] n : d.env.getDbiNames()) {
                names.add(new String(n, StandardCharsets.UTF_8));
            }
            names.remove(DiskFormat.BLOCKS_DB);
            names.remove(DiskFormat.META_DB);
            if (!names.isEmpty()) {
                warnings.add("unexpected databases " + names);
            }
            long metaEntries = d.meta.stat(txn).entries;
            if (metaEntries != 1) {
                warnings.add(metaEntries + " records in the meta database, expected 1");
            }
            long limit = m == null ? Long.MAX_VALUE : m.blockCount();
            long zero = 0;
            long last = -1;
            MemorySegment zeros = MemorySegment.ofArray(new byte[DiskFormat.BLOCK_SIZE]);
            try (CursorIterable<ByteBuffer> it = d.blocks.iterate(txn)) {
                for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
                    checked++;
                    ByteBuffer k = kv.key();
                    if (k.remaining() != DiskFormat.KEY_SIZE) {
                        errors.add("block key of " + k.remaining() + " bytes (expected 8)");
                        continue;
                    }
                    long block = DiskFormat.blockOf(k);
                    if (block < 0 || block >= limit) {
                        errors.add("block " + block + " lies beyond the disk (" + limit + " blocks)");
                    }
                    if (block <= last) {
                        errors.add("block keys out of order at " + block);
                    }
                    last = block;
                    ByteBuffer v = kv.val();
                    if (v.remaining() != DiskFormat.BLOCK_SIZE) {
                        errors.add("block " + block + " holds " + v.remaining() + " bytes (expected 4096)");
                    } else if (MemorySegment.ofBuffer(v).mismatch(zeros) == -1) {
                        zero++;
                    }
                    if (errors.size() > 100) {
                        errors.add("too many errors; stopped");
                        break;
                    }
                }
            }
            long entries = d.blocks.stat(txn).entries;
            if (entries != checked && errors.size() <= 100) {
                errors.add("block database counts " + entries + " entries but " + checked + " were found");
            }
            if (zero > 0) {
                warnings.add(zero + " stored blocks are all zero (harmless, but a flush should have deleted them)");
            }
        } catch (LmdbException e) {
            errors.add("LMDB error: " + e.getMessage());
        } finally {
            OpenDisks.release(d);
        }
        return new CheckReport(dir, List.copyOf(errors), List.copyOf(warnings), checked);
    }

    /** Parses "64M", "1G", "4096", "512K", "2T" (binary units, like qemu-img; an optional trailing "B"/"iB"). */
    public static long parseSize(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.endsWith("IB")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            shift = switch (s.charAt(s.length() - 1)) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> 0;
            };
        }
        if (shift != 0) {
            s = s.substring(0, s.length() - 1);
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 64M, 1G, 1048576)");
        }
        if (v <= 0 || v > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size out of range: " + text);
        }
        long bytes = v << shift;
        if (bytes % 512 != 0) {
            throw new IllegalArgumentException("disk size must be a multiple of 512 bytes: " + text);
        }
        return bytes;
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static boolean prepareEmptyDirectory(Path dest) throws IOException {
        if (Files.exists(dest)) {
            boolean empty;
            if (Files.isDirectory(dest)) {
                try (Stream<Path> s = Files.list(dest)) {
                    empty = s.findAny().isEmpty();
                }
            } else {
                empty = false;
            }
            if (!empty) {
                throw new FileAlreadyExistsException(dest.toString(), null, "exists and is not an empty directory");
            }
            return false;
        }
        Files.createDirectories(dest);
        return true;
    }

    private static void deleteDisk(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        for (String f : new String[] {DiskFormat.DATA_FILE, DiskFormat.LMDB_LOCK_FILE, DiskFormat.NEXUS_LOCK_FILE}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
                Files.delete(dir);
            }
        }
    }
}
