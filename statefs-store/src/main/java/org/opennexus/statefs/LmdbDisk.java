package org.opennexus.statefs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * One open LMDB environment of a disk: the {@link Env}, its two databases and metadata access.
 * Obtained through {@link OpenDisks}, which keeps at most one per directory in this JVM (LMDB forbids
 * opening the same environment twice in one process: its fcntl locks on lock.mdb are per process).
 *
 * <p>Commits are durable: the environment never uses MDB_NOSYNC, MDB_NOMETASYNC, MDB_MAPASYNC or
 * MDB_WRITEMAP (with a write map a full file system would raise SIGBUS instead of an error code).
 * MDB_NOTLS lets a read transaction be reset and renewed from any thread.
 */
final class LmdbDisk {
    private static final ByteBuffer META_KEY_BUF = direct(DiskFormat.META_KEY.getBytes(StandardCharsets.US_ASCII));

    final Path dir;
    final boolean writable;
    final Env<ByteBuffer> env;
    final Dbi<ByteBuffer> blocks;
    final Dbi<ByteBuffer> meta;
    int refs;

    private LmdbDisk(Path dir, boolean writable, Env<ByteBuffer> env, Dbi<ByteBuffer> blocks, Dbi<ByteBuffer> meta) {
        this.dir = dir;
        this.writable = writable;
        this.env = env;
        this.blocks = blocks;
        this.meta = meta;
    }

    static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
        b.put(bytes).flip();
        return b;
    }

    /** Opens an existing disk directory; {@code mapSize} 0 keeps the map size stored in data.mdb. */
    static LmdbDisk open(Path dir, boolean writable, long mapSize, boolean validate) throws IOException {
        Env<ByteBuffer> env = openEnv(dir, writable, mapSize);
        try {
            Dbi<ByteBuffer> metaDbi;
            Dbi<ByteBuffer> blocksDbi;
            try {
                metaDbi = env.openDbi(DiskFormat.META_DB);
                blocksDbi = env.openDbi(DiskFormat.BLOCKS_DB);
            } catch (LmdbException e) {
                throw new DiskFormatException("not a nexus disk (an LMDB environment without the '"
                        + DiskFormat.META_DB + "' and '" + DiskFormat.BLOCKS_DB + "' databases): " + dir, e);
            }
            LmdbDisk disk = new LmdbDisk(dir, writable, env, blocksDbi, metaDbi);
            if (validate) {
                disk.readMetadata(); // format version, CRC
            }
            return disk;
        } catch (IOException | RuntimeException e) {
            env.close();
            throw e;
        }
    }

    /** Creates a new disk in {@code dir} (an existing empty directory) and commits generation 0. */
    static LmdbDisk create(Path dir, DiskMetadata initial, long mapSize) throws IOException {
        Env<ByteBuffer> env = openEnv(dir, true, mapSize);
        try {
            Dbi<ByteBuffer> metaDbi = env.openDbi(DiskFormat.META_DB, DbiFlags.MDB_CREATE);
            Dbi<ByteBuffer> blocksDbi = env.openDbi(DiskFormat.BLOCKS_DB, DbiFlags.MDB_CREATE);
            LmdbDisk disk = new LmdbDisk(dir, true, env, blocksDbi, metaDbi);
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                disk.putMetadata(txn, initial);
                txn.commit();
            }
            return disk;
        } catch (LmdbException e) {
            env.close();
            throw new IOException("cannot create disk " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    private static Env<ByteBuffer> openEnv(Path dir, boolean writable, long mapSize) throws IOException {
        EnvFlags[] flags = writable ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
                : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_RDONLY_ENV};
        try {
            return Env.create().setMapSize(mapSize).setMaxDbs(4).open(dir.toFile(), flags);
        } catch (Env.FileInvalidException e) {
            throw new DiskFormatException("not an LMDB disk (" + DiskFormat.DATA_FILE + " is not an LMDB file): " + dir, e);
        } catch (Env.VersionMismatchException e) {
            throw new DiskFormatException("LMDB file format version mismatch: " + dir, e);
        } catch (LmdbException e) {
            throw new IOException("cannot open LMDB disk " + dir + ": " + e.getMessage(), e);
        }
    }

    DiskMetadata readMetadata() throws IOException {
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            return readMetadata(txn);
        } catch (LmdbException e) {
            throw new IOException("cannot read metadata of " + dir + ": " + e.getMessage(), e);
        }
    }

    DiskMetadata readMetadata(Txn<ByteBuffer> txn) throws DiskFormatException {
        ByteBuffer v = meta.get(txn, META_KEY_BUF.duplicate());
        if (v == null) {
            throw new DiskFormatException("corrupt disk: no metadata record in " + dir);
        }
        try {
            return DiskMetadata.decode(v);
        } catch (DiskFormatException e) {
            throw new DiskFormatException(e.getMessage() + ": " + dir, e);
        }
    }

    void putMetadata(Txn<ByteBuffer> txn, DiskMetadata m) {
        ByteBuffer v = meta.reserve(txn, META_KEY_BUF.duplicate(), DiskMetadata.ENCODED_SIZE);
        m.encodeTo(v);
    }

    long dataFileBytes() {
        try {
            return Files.size(dir.resolve(DiskFormat.DATA_FILE));
        } catch (IOException e) {
            return -1;
        }
    }
}
