package org.opennexus.machine.board;

import java.io.IOException;
import org.opennexus.devices.block.BlockBackend;
import org.opennexus.devices.block.RawFileBackend;
import org.opennexus.machine.DriveConfig;

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
            case LMDB -> throw new IOException("drive " + d.path() + ": format=lmdb is not available yet");
        };
    }
}
