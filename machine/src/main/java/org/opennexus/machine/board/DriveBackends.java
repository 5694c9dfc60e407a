package org.opennexus.machine.board;

import java.io.IOException;
import org.opennexus.devices.block.BlockBackend;
import org.opennexus.devices.block.RawFileBackend;
import org.opennexus.machine.DriveConfig;
import org.opennexus.statefs.DiskOptions;
import org.opennexus.statefs.LmdbBlockBackend;

/** Opens the backend a {@code --drive} names. */
final class DriveBackends {
    private DriveBackends() { }

    static BlockBackend open(DriveConfig d) throws IOException {
        return switch (d.format()) {
            case RAW -> {
                try {
                    yield RawFileBackend.open(d.path(), d.readOnly());
                } catch (IOException e) {
                    throw new IOException("drive " + d.path() + ": " + e.getMessage(), e);
                }
            }
            case LMDB -> {
                try {
                    yield LmdbBlockBackend.open(d.path(), DiskOptions.defaults().withReadOnly(d.readOnly()));
                } catch (IOException e) {
                    throw new IOException("drive " + d.path() + " (lmdb): " + e.getMessage(), e);
                }
            }
        };
    }
}
