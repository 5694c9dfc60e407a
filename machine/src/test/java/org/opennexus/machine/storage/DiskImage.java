package org.opennexus.machine.storage;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Read access to the disk under test: the LMDB backend, a raw image exported from it, or (later) a
 * disk written by a guest program. Offsets and lengths are multiples of 512.
 *
 * <p>Copy of statefs-store's test-scoped {@code org.opennexus.statefs.crash.DiskImage} (test classes are not
 * published as a test-jar), unchanged but for the package; bench/guest-io/schedule.h is its C port.
 */
@FunctionalInterface
interface DiskImage {
    void read(long offset, MemorySegment dst) throws IOException;
}
