package org.opennexus.machine;

import java.nio.file.Path;

/** One {@code --drive}: a disk image attached as a virtio-blk device. */
public record DriveConfig(Path path, Format format, boolean readOnly) {
    public enum Format { RAW, LMDB }
}
