package org.opennexus.statefs;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "attached to a machine" lock: {@code nexus.lock} in the disk directory, locked with
 * {@link FileChannel#tryLock} (fcntl on Linux; on NFS it needs a working lock manager). A
 * read-write attachment takes it exclusively, a read-only one shared, so many machines may share a
 * read-only base disk but never while one writes it. LMDB's own {@code lock.mdb} allows any
 * number of readers and writers, which is why this separate lock exists.
 *
 * <p>POSIX drops every lock a process holds on a file when the process closes <em>any</em>
 * descriptor of it, so within this JVM a set of held directories is checked before a channel is
 * ever opened (a second attempt in the same process fails without touching the file).
 */
final class DiskLock implements AutoCloseable {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DiskLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (a canonical disk directory); shared for read-only attachments. */
    static DiskLock acquire(Path dir, boolean shared) throws IOException {
        if (!HELD.add(dir)) {
            throw new DiskInUseException("disk is in use by another nexus (already attached in this process): " + dir);
        }
        FileChannel ch = null;
        try {
            Path file = dir.resolve(DiskFormat.NEXUS_LOCK_FILE);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock(0, Long.MAX_VALUE, shared);
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                ch = null;
                throw new DiskInUseException("disk is in use by another nexus" + holder(file) + ": " + dir);
            }
            if (!shared) {
                byte[] who = ("pid " + ProcessHandle.current().pid() + " on " + hostName() + " since "
                        + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(who), 0);
            }
            return new DiskLock(dir, ch, l);
        } catch (IOException | RuntimeException e) {
            HELD.remove(dir);
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static String holder(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "" : " (" + s + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(dir);
            }
        }
    }
}
