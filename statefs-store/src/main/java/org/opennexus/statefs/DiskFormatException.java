package org.opennexus.statefs;

import java.io.IOException;

/** The path is not a nexus LMDB disk, has another format version, or its metadata is corrupt. */
public class DiskFormatException extends IOException {
    public DiskFormatException(String message) {
        super(message);
    }

    public DiskFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
