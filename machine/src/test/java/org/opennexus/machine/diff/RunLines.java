package org.opennexus.machine.diff;

import java.util.ArrayList;
import java.util.List;
import org.opennexus.machine.isa.GuestOutcome;

/**
 * The UART lines of a differential run: one hex word per line, then {@value DiffProgram#END_MARKER}.
 * {@link #problem()} says why a run is unusable (trap, timeout, missing end), or null.
 */
record RunLines(List<String> words, boolean ended, String trap, GuestOutcome outcome) {

    static RunLines parse(GuestOutcome o) {
        List<String> words = new ArrayList<>();
        boolean ended = false;
        String trap = null;
        for (String raw : o.uart().split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals(DiffProgram.END_MARKER)) {
                ended = true;
            } else if (line.startsWith("TRAP")) {
                trap = line;
            } else if (!ended && trap == null) {
                words.add(line);
            }
        }
        return new RunLines(List.copyOf(words), ended, trap, o);
    }

    String problem() {
        if (trap != null) {
            return "guest trapped after " + words.size() + " lines: " + trap;
        }
        if (!ended || !outcome.passed()) {
            return "run did not finish (exit " + outcome.exitCode() + ", " + outcome.reason() + ") after "
                    + words.size() + " lines";
        }
        return null;
    }
}
