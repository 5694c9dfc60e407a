package org.opennexus.bench.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "IO test ops=n bytes=n ticks=n" lines of one iobench.elf run. Ticks are the guest's mtime
 * (10 MHz on QEMU virt and on nexus).
 */
public record IoResult(String setup, Map<String, Line> tests) {
    public static final double MTIME_HZ = 10_000_000.0;
    private static final Pattern LINE = Pattern.compile("^IO (\\S+) ops=(\\d+) bytes=(\\d+) ticks=(\\d+)$", Pattern.MULTILINE);

    public record Line(long ops, long bytes, long ticks) {
        double seconds() {
            return ticks / MTIME_HZ;
        }
    }

    public static IoResult parse(String setup, String uart) {
        Map<String, Line> tests = new LinkedHashMap<>();
        Matcher m = LINE.matcher(uart);
        while (m.find()) {
            tests.put(m.group(1), new Line(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
        }
        return new IoResult(setup, tests);
    }

    private Line line(String test) {
        Line l = tests.get(test);
        if (l == null) {
            throw new IllegalStateException(setup + ": iobench printed no '" + test + "' line");
        }
        return l;
    }

    /** Operations per second of a test (4 KiB random reads / writes). */
    public double iops(String test) {
        Line l = line(test);
        return l.ops() / l.seconds();
    }

    /** MB/s (10^6 bytes) of a test. */
    public double mbPerSecond(String test) {
        Line l = line(test);
        return l.bytes() / 1e6 / l.seconds();
    }

    /** Mean latency of one operation of a test, in microseconds. */
    public double micros(String test) {
        Line l = line(test);
        return l.seconds() * 1e6 / l.ops();
    }
}
