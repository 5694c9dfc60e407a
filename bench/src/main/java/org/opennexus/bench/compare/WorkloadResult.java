package org.opennexus.bench.compare;

/**
 * One run of a bench workload on one emulator: the line the guest printed
 * ({@code BENCH <name> checksum=<hex> ticks=<mtime ticks> instret=<n> runs=<n> first=<ticks>
 * best=<ticks>}) plus the host wall time. The timed region repeats the same work {@code runs}
 * times; {@code firstTicks} and {@code bestTicks} time its first and its fastest repetition (0 when
 * the guest did not print them).
 */
public record WorkloadResult(String workload, String emulator, String checksum, long ticks,
                             long guestInstret, double wallSeconds, int runs, long firstTicks, long bestTicks) {

    public WorkloadResult(String workload, String emulator, String checksum, long ticks, long guestInstret,
                          double wallSeconds) {
        this(workload, emulator, checksum, ticks, guestInstret, wallSeconds, 0, 0, 0);
    }

    /** Guest-visible seconds of the timed region (mtime runs at 10 MHz on virt). */
    public double guestSeconds() {
        return ticks / 10_000_000.0;
    }

    /** Parses the guest's result line out of the UART text; null when the line is absent. */
    public static WorkloadResult parse(String emulator, String uartText, double wallSeconds) {
        for (String line : uartText.split("\n")) {
            line = line.strip();
            if (!line.startsWith("BENCH ")) {
                continue;
            }
            String[] parts = line.split(" ");
            String name = parts[1];
            String checksum = null;
            long ticks = -1;
            long instret = -1;
            int runs = 0;
            long first = 0;
            long best = 0;
            for (int i = 2; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                switch (kv[0]) {
                    case "checksum" -> checksum = kv[1];
                    case "ticks" -> ticks = Long.parseLong(kv[1]);
                    case "instret" -> instret = Long.parseLong(kv[1]);
                    case "runs" -> runs = Integer.parseInt(kv[1]);
                    case "first" -> first = Long.parseLong(kv[1]);
                    case "best" -> best = Long.parseLong(kv[1]);
                    default -> { }
                }
            }
            if (checksum != null && ticks > 0) {
                return new WorkloadResult(name, emulator, checksum, ticks, instret, wallSeconds, runs, first, best);
            }
        }
        return null;
    }
}
