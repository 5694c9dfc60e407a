package org.opennexus.statefs;

import java.io.IOException;

/** Another nexus (process or machine) holds the disk's {@code nexus.lock}. */
public class DiskInUseException extends IOException {
    public DiskInUseException(String message) {
        super(message);
    }
}
