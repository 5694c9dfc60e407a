package org.opennexus.bench.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results of all emulators on all workloads, with the derived speeds and ratios. */
public final class ComparisonTable {

    /**
     * One workload: the best run of every emulator, instructions/s and named ratios over the whole
     * timed region, and the same for its fastest single repetition (steady state: after warm-up;
     * empty when the guest did not report repetitions).
     */
    public record Row(String workload, long instructions, Map<String, WorkloadResult> runs,
                      Map<String, Double> mips, Map<String, Double> ratios,
                      Map<String, Double> steadyMips, Map<String, Double> steadyRatios) { }

    private final List<String> emulators;
    private final List<Row> rows = new ArrayList<>();

    public ComparisonTable(List<String> emulators) {
        this.emulators = List.copyOf(emulators);
    }

    public List<String> emulators() {
        return emulators;
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Adds a workload. {@code instructions} is the exact guest instruction count of the timed
     * region (nexus's instret; the same binary executes the same instructions everywhere).
     */
    public void add(String workload, long instructions, Map<String, WorkloadResult> best) {
        Map<String, Double> mips = new LinkedHashMap<>();
        best.forEach((emu, r) -> mips.put(emu, instructions / r.guestSeconds() / 1e6));
        Map<String, Double> steadyMips = new LinkedHashMap<>();
        best.forEach((emu, r) -> {
            if (r.runs() > 0 && r.bestTicks() > 0) {
                steadyMips.put(emu, (double) instructions / r.runs() / (r.bestTicks() / 10_000_000.0) / 1e6);
            }
        });
        rows.add(new Row(workload, instructions, best, mips, ratios(mips), steadyMips, ratios(steadyMips)));
    }

    /** Every nexus engine against qemu, and the translator against the interpreter. */
    private Map<String, Double> ratios(Map<String, Double> mips) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        Double qemu = mips.get("qemu");
        for (String emu : emulators) {
            if (!emu.equals("qemu") && qemu != null && mips.containsKey(emu)) {
                ratios.put(emu + ".vs.qemu", mips.get(emu) / qemu);
            }
        }
        if (mips.containsKey("nexus-jit") && mips.containsKey("nexus-interp")) {
            ratios.put("nexus-jit.vs.nexus-interp", mips.get("nexus-jit") / mips.get("nexus-interp"));
        }
        return ratios;
    }

    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-8s %14s", "workload", "instructions"));
        for (String e : emulators) {
            sb.append(String.format(" %14s %9s", e + " MIPS", "wall s"));
        }
        List<String> ratioNames = rows.isEmpty() ? List.of() : List.copyOf(rows.getFirst().ratios().keySet());
        for (String r : ratioNames) {
            sb.append(String.format(" %26s", r));
        }
        sb.append('\n');
        for (Row row : rows) {
            sb.append(String.format("%-8s %14d", row.workload(), row.instructions()));
            for (String e : emulators) {
                WorkloadResult r = row.runs().get(e);
                sb.append(r == null ? String.format(" %14s %9s", "-", "-")
                        : String.format(" %14.1f %9.2f", row.mips().get(e), r.wallSeconds()));
            }
            for (String r : ratioNames) {
                Double v = row.ratios().get(r);
                sb.append(v == null ? String.format(" %26s", "-") : String.format(" %26.3f", v));
            }
            sb.append('\n');
        }
        if (rows.stream().anyMatch(r -> !r.steadyMips().isEmpty())) {
            sb.append("\nsteady state: the fastest single repetition of each workload (first repetition in s)\n");
            sb.append(String.format("%-8s", "workload"));
            for (String e : emulators) {
                sb.append(String.format(" %14s %9s", e + " MIPS", "first s"));
            }
            for (String r : ratioNames) {
                sb.append(String.format(" %26s", r));
            }
            sb.append('\n');
            for (Row row : rows) {
                sb.append(String.format("%-8s", row.workload()));
                for (String e : emulators) {
                    WorkloadResult r = row.runs().get(e);
                    Double m = row.steadyMips().get(e);
                    sb.append(m == null ? String.format(" %14s %9s", "-", "-")
                            : String.format(" %14.1f %9.3f", m, r.firstTicks() / 10_000_000.0));
                }
                for (String r : ratioNames) {
                    Double v = row.steadyRatios().get(r);
                    sb.append(v == null ? String.format(" %26s", "-") : String.format(" %26.3f", v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n  \"emulators\": [");
        for (int i = 0; i < emulators.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(emulators.get(i)).append('"');
        }
        sb.append("],\n  \"workloads\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            sb.append("    {\"name\": \"").append(row.workload()).append("\", \"instructions\": ").append(row.instructions());
            sb.append(", \"runs\": {");
            int j = 0;
            for (var e : row.runs().entrySet()) {
                WorkloadResult r = e.getValue();
                sb.append(j++ == 0 ? "" : ", ").append(String.format(
                        "\"%s\": {\"checksum\": \"%s\", \"guest_seconds\": %.6f, \"wall_seconds\": %.3f, \"mips\": %.3f",
                        e.getKey(), r.checksum(), r.guestSeconds(), r.wallSeconds(), row.mips().get(e.getKey())));
                Double steady = row.steadyMips().get(e.getKey());
                if (steady != null) {
                    sb.append(String.format(", \"repetitions\": %d, \"first_seconds\": %.6f, \"fastest_seconds\": %.6f, \"steady_mips\": %.3f",
                            r.runs(), r.firstTicks() / 10_000_000.0, r.bestTicks() / 10_000_000.0, steady));
                }
                sb.append('}');
            }
            sb.append("}, \"ratios\": ");
            appendRatios(sb, row.ratios());
            sb.append(", \"steady_ratios\": ");
            appendRatios(sb, row.steadyRatios());
            sb.append('}').append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static void appendRatios(StringBuilder sb, Map<String, Double> ratios) {
        sb.append('{');
        int j = 0;
        for (var e : ratios.entrySet()) {
            sb.append(j++ == 0 ? "" : ", ").append(String.format("\"%s\": %.4f", e.getKey(), e.getValue()));
        }
        sb.append('}');
    }
}
