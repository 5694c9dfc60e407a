package org.opennexus.statefs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * This JVM's open LMDB environments, one per disk directory, reference counted. A backend and the
 * tools (info, export, snapshot, check) share the environment when they run in the same process,
 * so a live snapshot from inside a running nexus is safe too.
 */
final class OpenDisks {
    private static final Map<Path, LmdbDisk> OPEN = new HashMap<>();

    private OpenDisks() { }

    /**
     * Resolves {@code path} to the canonical directory of an existing disk, or throws a clear
     * IOException: missing path, not a directory, no data.mdb.
     */
    static Path existingDisk(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no disk at this path");
        }
        if (!Files.isDirectory(path)) {
            throw new DiskFormatException("not an LMDB disk (a disk is a directory holding "
                    + DiskFormat.DATA_FILE + "; this is a file): " + path);
        }
        if (!DiskFormat.isDiskDirectory(path)) {
            throw new DiskFormatException("not an LMDB disk (no " + DiskFormat.DATA_FILE + "): " + path);
        }
        return path.toRealPath();
    }

    /** Opens (or shares) the environment of an existing disk. */
    static LmdbDisk acquire(Path canonicalDir, boolean writable, long mapSize) throws IOException {
        return acquire(canonicalDir, writable, mapSize, true);
    }

    /** As above; {@code validate} false lets {@code check} open a disk whose metadata is corrupt. */
    static synchronized LmdbDisk acquire(Path canonicalDir, boolean writable, long mapSize, boolean validate)
            throws IOException {
        LmdbDisk d = OPEN.get(canonicalDir);
        if (d == null) {
            d = LmdbDisk.open(canonicalDir, writable, mapSize, validate);
            OPEN.put(canonicalDir, d);
        } else if (writable && !d.writable) {
            throw new DiskInUseException("disk is open read-only by a tool in this process; retry when it is done: "
                    + canonicalDir);
        }
        d.refs++;
        return d;
    }

    /** Creates a disk in the empty directory {@code canonicalDir} and registers it. */
    static synchronized LmdbDisk create(Path canonicalDir, DiskMetadata initial, long mapSize) throws IOException {
        if (OPEN.containsKey(canonicalDir)) {
            throw new DiskInUseException("disk is already open in this process: " + canonicalDir);
        }
        LmdbDisk d = LmdbDisk.create(canonicalDir, initial, mapSize);
        OPEN.put(canonicalDir, d);
        d.refs++;
        return d;
    }

    static synchronized void release(LmdbDisk d) {
        if (--d.refs == 0) {
            OPEN.remove(d.dir);
            d.env.close();
        }
    }
}
