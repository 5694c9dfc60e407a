package org.opennexus.bench.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code make bench} I/O table: iobench.elf on nexus with an LMDB drive, nexus with a raw drive and
 * qemu-system-riscv64 with a raw drive, side by side, each on a fresh 64 MiB disk; the median of
 * REPEATS runs per cell; ratios against QEMU raw. Writes RESULTS/io.json.
 *
 * <p>Usage: IoBenchMain GUEST_IO_DIR NEXUS_LAUNCHER RESULTS_DIR [REPEATS]
 */
public final class IoBenchMain {
    private IoBenchMain() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: IoBenchMain GUEST_IO_DIR NEXUS_LAUNCHER RESULTS_DIR [REPEATS]");
            System.exit(2);
        }
        Path elf = Path.of(args[0]).resolve("iobench.elf");
        if (!Files.isRegularFile(elf)) {
            System.err.println("io bench: " + elf + " not found: run make first");
            System.exit(2);
        }
        Path results = Path.of(args[2]);
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Files.createDirectories(results);
        Path work = Files.createTempDirectory("nexus-io-bench");
        Map<IoRunner.Setup, List<IoResult>> runs = new EnumMap<>(IoRunner.Setup.class);
        try {
            IoRunner runner = new IoRunner(elf, Path.of(args[1]), work);
            for (int r = 0; r < repeats; r++) { // interleaved, so background load hits every setup alike
                for (IoRunner.Setup s : IoRunner.Setup.values()) {
                    runs.computeIfAbsent(s, k -> new ArrayList<>()).add(runner.run(s, r));
                }
            }
        } finally {
            deleteTree(work);
        }
        Map<IoRunner.Setup, double[]> medians = new EnumMap<>(IoRunner.Setup.class);
        for (var e : runs.entrySet()) {
            double[] v = new double[IoMetric.ALL.size()];
            for (int i = 0; i < v.length; i++) {
                IoMetric m = IoMetric.ALL.get(i);
                v[i] = median(e.getValue().stream().mapToDouble(m.value()).toArray());
            }
            medians.put(e.getKey(), v);
        }
        String table = table(medians, repeats);
        System.out.print(table);
        Files.writeString(results.resolve("io.json"), json(medians, repeats), StandardCharsets.UTF_8);
        System.out.println("wrote " + results.resolve("io.json"));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** value / QEMU's value; for latencies (lower is better) the ratio is QEMU / value, so > 1 always means faster than QEMU. */
    static double speedVsQemu(IoMetric m, double value, double qemu) {
        return m.higherIsBetter() ? value / qemu : qemu / value;
    }

    static String table(Map<IoRunner.Setup, double[]> med, int repeats) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nvirtio-blk I/O (iobench.elf, 64 MiB disk, median of %d; x = speed vs qemu raw, >1 faster)%n", repeats));
        b.append(String.format(Locale.ROOT, "%-30s %-5s %12s %12s %12s %8s %8s%n", "test", "unit", "nexus lmdb", "nexus raw",
                "qemu raw", "lmdb x", "raw x"));
        double[] q = med.get(IoRunner.Setup.QEMU_RAW);
        double[] l = med.get(IoRunner.Setup.NEXUS_LMDB);
        double[] r = med.get(IoRunner.Setup.NEXUS_RAW);
        for (int i = 0; i < IoMetric.ALL.size(); i++) {
            IoMetric m = IoMetric.ALL.get(i);
            b.append(String.format(Locale.ROOT, "%-30s %-5s %12.1f %12.1f %12.1f %8.2f %8.2f%n", m.name(), m.unit(), l[i], r[i], q[i],
                    speedVsQemu(m, l[i], q[i]), speedVsQemu(m, r[i], q[i])));
        }
        return b.toString();
    }

    static String json(Map<IoRunner.Setup, double[]> med, int repeats) {
        StringBuilder b = new StringBuilder("{\n  \"workload\": \"iobench.elf\",\n  \"disk_bytes\": 67108864,\n");
        b.append("  \"repeats\": ").append(repeats).append(",\n  \"metrics\": [\n");
        double[] q = med.get(IoRunner.Setup.QEMU_RAW);
        for (int i = 0; i < IoMetric.ALL.size(); i++) {
            IoMetric m = IoMetric.ALL.get(i);
            b.append("    {\"name\": \"").append(m.name()).append("\", \"unit\": \"").append(m.unit())
                    .append("\", \"higher_is_better\": ").append(m.higherIsBetter());
            for (IoRunner.Setup s : IoRunner.Setup.values()) {
                String key = s.label.replace(' ', '_');
                double v = med.get(s)[i];
                b.append(", \"").append(key).append("\": ").append(String.format(Locale.ROOT, "%.3f", v));
                if (s != IoRunner.Setup.QEMU_RAW) {
                    b.append(", \"").append(key).append("_speed_vs_qemu_raw\": ")
                            .append(String.format(Locale.ROOT, "%.4f", speedVsQemu(m, v, q[i])));
                }
            }
            b.append(i + 1 < IoMetric.ALL.size() ? "},\n" : "}\n");
        }
        return b.append("  ]\n}\n").toString();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
