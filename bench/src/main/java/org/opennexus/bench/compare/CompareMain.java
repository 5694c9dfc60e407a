package org.opennexus.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make bench}'s side-by-side run: every workload on qemu-system-riscv64 and on each nexus
 * engine in the same run, best of N; prints the table, writes JSON and a PNG chart, and exits 1
 * when a ratio falls below its floor.
 *
 * <p>Usage: {@code CompareMain <workload-dir> <nexus-launcher> <floors-file> <results-dir> <repeats> <engine>...}
 */
public final class CompareMain {

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: CompareMain <workload-dir> <nexus-launcher> <floors> <results-dir> <repeats> <engine>...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Path launcher = Path.of(args[1]);
        Floors floors = Floors.load(Path.of(args[2]));
        Path results = Path.of(args[3]);
        int repeats = Integer.parseInt(args[4]);
        List<EmulatorRunner> runners = new ArrayList<>();
        runners.add(EmulatorRunner.qemu());
        for (int i = 5; i < args.length; i++) {
            runners.add(EmulatorRunner.nexus(launcher, args[i]));
        }
        List<Path> elfs;
        try (var s = Files.list(dir)) {
            elfs = s.filter(p -> p.toString().endsWith(".elf")).sorted().toList();
        }
        if (elfs.isEmpty()) {
            System.err.println("no workloads in " + dir + " (run make first)");
            System.exit(2);
        }
        ComparisonTable table = new ComparisonTable(runners.stream().map(EmulatorRunner::label).toList());
        boolean checksumsAgree = true;
        for (Path elf : elfs) {
            Map<String, WorkloadResult> best = new LinkedHashMap<>();
            for (EmulatorRunner runner : runners) {
                WorkloadResult b = null;
                for (int i = 0; i < repeats; i++) {
                    WorkloadResult r = runner.run(elf);
                    if (b == null || r.ticks() < b.ticks()) {
                        b = r;
                    }
                }
                best.put(runner.label(), b);
            }
            String reference = best.get("qemu").checksum();
            for (WorkloadResult r : best.values()) {
                if (!r.checksum().equals(reference)) {
                    System.err.printf("CHECKSUM MISMATCH on %s: %s printed %s, qemu %s%n",
                            r.workload(), r.emulator(), r.checksum(), reference);
                    checksumsAgree = false;
                }
            }
            long instructions = best.values().stream().filter(r -> r.emulator().startsWith("nexus"))
                    .mapToLong(WorkloadResult::guestInstret).findFirst().orElse(best.get("qemu").guestInstret());
            table.add(best.get("qemu").workload(), instructions, best);
            System.err.println("done: " + elf.getFileName());
        }
        Files.createDirectories(results);
        Files.writeString(results.resolve("compare.json"), table.toJson());
        BarChart.write(table, results.resolve("compare.png"));
        System.out.print(table.format());
        System.out.println("written: " + results.resolve("compare.json") + ", " + results.resolve("compare.png"));
        List<String> violations = floors.violations(table);
        violations.forEach(v -> System.out.println("BELOW FLOOR: " + v));
        if (!checksumsAgree || !violations.isEmpty()) {
            System.exit(1);
        }
    }
}
