package org.opennexus.machine.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.opennexus.machine.DriveConfig;

/** Parses {@code --drive PATH[,format=raw|lmdb][,readonly[=on|off]]}. */
final class DriveSpecs {
    private DriveSpecs() { }

    static DriveConfig parse(String spec) {
        String[] parts = spec.split(",");
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("--drive needs a path: '" + spec + "'");
        }
        DriveConfig.Format format = DriveConfig.Format.RAW;
        boolean readOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            String key = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
            String value = p.contains("=") ? p.substring(p.indexOf('=') + 1).toLowerCase(Locale.ROOT) : null;
            switch (key) {
                case "format" -> format = switch (value == null ? "" : value) {
                    case "raw" -> DriveConfig.Format.RAW;
                    case "lmdb" -> DriveConfig.Format.LMDB;
                    default -> throw new IllegalArgumentException("--drive: unknown format '" + value + "' (raw or lmdb)");
                };
                case "readonly" -> readOnly = switch (value == null ? "on" : value) {
                    case "on", "true", "yes" -> true;
                    case "off", "false", "no" -> false;
                    default -> throw new IllegalArgumentException("--drive: bad readonly value '" + value + "'");
                };
                default -> throw new IllegalArgumentException("--drive: unknown option '" + key + "' in '" + spec + "'");
            }
        }
        return new DriveConfig(Path.of(parts[0]), format, readOnly);
    }
}
