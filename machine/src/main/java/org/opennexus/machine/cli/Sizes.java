package org.opennexus.machine.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the CLI's size and duration arguments. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

    private Sizes() { }

    /** "256M", "1G", "512K", "1GiB"; a bare number is MiB, as QEMU's -m. */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad size '" + text + "' (use e.g. 256M or 1G)");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "", "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        if (m.group(2).isEmpty() && m.group(3) != null) {
            shift = 0; // "4096B"
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size '" + text + "': too large");
        }
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("bad size '" + text + "'");
        }
        return n << shift;
    }

    /** "20s", "2m", "500ms", "1h", "1.5s"; a bare number is seconds. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 20s, 2m, 500ms)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        double millis = switch (unit) {
            case "ms" -> v;
            case "s" -> v * 1e3;
            case "m" -> v * 60e3;
            default -> v * 3600e3;
        };
        if (millis <= 0 || millis > 1e12) {
            throw new IllegalArgumentException("bad duration '" + text + "'");
        }
        return Duration.ofMillis((long) Math.ceil(millis));
    }
}
