package org.opennexus.machine.diff;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.opennexus.machine.isa.GuestOutcome;
import org.opennexus.machine.isa.GuestRunner;

/**
 * One group's differential run: programs of up to {@value #BATCH} sequences run on QEMU and on a
 * nexus engine; the per-sequence hashes are compared line by line. On a mismatch the first differing
 * sequence is rebuilt alone in dump mode and run on both, and the result names the seed, the
 * sequence index, every differing register/memory word and the disassembly.
 */
final class DiffCampaign {
    static final Duration TIMEOUT = Duration.ofSeconds(300);

    private final Group group;
    private final Privilege priv;
    private final long seed;
    private final int count;
    private final Path dir;

    DiffCampaign(Group group, Privilege priv, long seed, int count, Path dir) {
        this.group = group;
        this.priv = priv;
        this.seed = seed;
        this.count = count;
        this.dir = dir;
    }

    /** Sequences per program: larger runs are split so every program fits QEMU's default 128 MiB. */
    static final int BATCH = 10_000;

    /** Builds the program holding sequences [first, first + n). */
    Path build(long first, int n) throws Exception {
        return Toolchain.assemble(dir, "diff-" + name() + (first == 0 ? "" : "-" + first),
                DiffProgram.build(group, priv, seed, first, n, false));
    }

    /** Runs every batch; returns null when nexus matched QEMU everywhere, else the first report. */
    String compareAll(GuestRunner qemu, GuestRunner engine) throws Exception {
        for (long first = 0; first < count; first += BATCH) {
            int n = (int) Math.min(BATCH, count - first);
            String r = compare(build(first, n), first, n, qemu, engine);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Runs the batch on QEMU; null when usable, else why not (which means the generator is wrong). */
    static RunLines runChecked(GuestRunner runner, Path elf) throws Exception {
        return RunLines.parse(runner.run(elf, TIMEOUT));
    }

    /** Compares one batch on {@code engine} against {@code qemu}; null when identical, else a report. */
    String compare(Path elf, long first, int size, GuestRunner qemu, GuestRunner engine) throws Exception {
        CompletableFuture<GuestOutcome> ref = CompletableFuture.supplyAsync(() -> {
            try {
                return qemu.run(elf, TIMEOUT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        RunLines mine = RunLines.parse(engine.run(elf, TIMEOUT));
        RunLines theirs = RunLines.parse(ref.join());
        if (theirs.problem() != null) {
            return "QEMU run of the generated program is unusable (a generator bug): " + theirs.problem()
                    + "\n" + tail(theirs.outcome().uart());
        }
        if (theirs.words().size() != size) {
            return "QEMU printed " + theirs.words().size() + " hashes, expected " + size;
        }
        List<Integer> bad = new ArrayList<>();
        int n = Math.min(mine.words().size(), size);
        for (int i = 0; i < n; i++) {
            if (!mine.words().get(i).equals(theirs.words().get(i))) {
                bad.add(i);  // batch-relative
            }
        }
        if (bad.isEmpty() && mine.problem() == null && mine.words().size() == size) {
            return null;
        }
        int firstBad = bad.isEmpty() ? n : bad.get(0);
        StringBuilder r = new StringBuilder();
        r.append(String.format("%s: group %s (%s), seed 0x%x: ", engine.name(), group, priv, seed));
        if (!bad.isEmpty()) {
            r.append(bad.size()).append(" of ").append(size).append(" sequences differ from QEMU; first: ")
                    .append(bad.subList(0, Math.min(10, bad.size())).stream().map(i -> first + i).toList()).append('\n');
        }
        if (mine.problem() != null) {
            r.append("nexus run: ").append(mine.problem()).append('\n').append(tail(mine.outcome().uart())).append('\n');
        }
        if (firstBad < size) {
            r.append(reproduce(first + firstBad, qemu, engine));
        }
        return r.toString();
    }

    /** Rebuilds sequence {@code index} alone with a full dump and reports the differing words. */
    String reproduce(long index, GuestRunner qemu, GuestRunner engine) throws Exception {
        String name = "diff-" + name() + "-seq" + index;
        Path elf = Toolchain.assemble(dir, name, DiffProgram.build(group, priv, seed, index, 1, true));
        RunLines q = RunLines.parse(qemu.run(elf, TIMEOUT));
        RunLines m = RunLines.parse(engine.run(elf, TIMEOUT));
        StringBuilder r = new StringBuilder();
        r.append(String.format("sequence %d (reproduce: -Dnexus.diff.seed=0x%x, group %s, %s; ELF %s)%n", index, seed,
                group, priv, elf));
        if (q.problem() != null || m.problem() != null) {
            r.append("qemu: ").append(q.problem()).append("; ").append(engine.name()).append(": ").append(m.problem())
                    .append('\n').append(tail(m.outcome().uart())).append('\n');
        }
        int init = DiffProgram.SIG_WORDS;   // initial x1..x31, f0..f31, fcsr come first
        int words = DiffProgram.SIG_WORDS + DiffProgram.SCRATCH_WORDS;
        for (int i = 0; i < words && init + i < q.words().size() && init + i < m.words().size(); i++) {
            if (!q.words().get(init + i).equals(m.words().get(init + i))) {
                r.append(String.format("  %-8s qemu %s  %s %s%n", wordName(i), q.words().get(init + i), engine.name(),
                        m.words().get(init + i)));
            }
        }
        r.append("initial state:");
        for (int i = 0; i < init && i < q.words().size(); i++) {
            r.append(i % 4 == 0 ? "\n  " : "  ").append(String.format("%-5s %s", wordName(i), q.words().get(i)));
        }
        r.append('\n');
        r.append(Toolchain.disassemble(elf, "seq_" + index + "_body", "seq_" + index + "_end"));
        return r.toString();
    }

    /** x1..x31, f0..f31, fcsr, mem+0..mem+504. */
    static String wordName(int i) {
        if (i < 31) {
            return "x" + (i + 1);
        } else if (i < 63) {
            return "f" + (i - 31);
        } else if (i == 63) {
            return "fcsr";
        }
        return "mem+" + 8 * (i - 64);
    }

    private String name() {
        return group.name().toLowerCase(java.util.Locale.ROOT) + priv.fileTag();
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }
}
