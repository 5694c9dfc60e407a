package org.opennexus.statefs.crash;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Read access to the disk under test: the LMDB backend, a raw image exported from it, or (later) a
 * disk written by a guest program. Offsets and lengths are multiples of 512.
 */
@FunctionalInterface
public interface DiskImage {
    void read(long offset, MemorySegment dst) throws IOException;
}
