package org.opennexus.bench.compare;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Performance floors, kept in one file ({@code bench/floors.properties}). Keys:
 * {@code <emulator>.vs.qemu} (guest speed relative to QEMU) and {@code <a>.vs.<b>} for two nexus
 * engines, optionally suffixed with {@code .<workload>} to override the default for one workload.
 */
public final class Floors {
    private final Properties props = new Properties();

    public static Floors load(Path file) throws IOException {
        Floors f = new Floors();
        try (Reader r = Files.newBufferedReader(file)) {
            f.props.load(r);
        }
        return f;
    }

    /** The floor for a ratio on a workload, or NaN when none is set. */
    public double floor(String ratio, String workload) {
        String v = props.getProperty(ratio + "." + workload, props.getProperty(ratio));
        return v == null ? Double.NaN : Double.parseDouble(v.strip());
    }

    /** Checks every ratio in the table against its floor; returns one line per violation. */
    public List<String> violations(ComparisonTable table) {
        List<String> out = new ArrayList<>();
        for (ComparisonTable.Row row : table.rows()) {
            row.ratios().forEach((name, value) -> {
                double floor = floor(name, row.workload());
                if (!Double.isNaN(floor) && value < floor) {
                    out.add(String.format("%s on %s: %.3f is below its floor %.3f", name, row.workload(), value, floor));
                }
            });
        }
        return out;
    }
}
