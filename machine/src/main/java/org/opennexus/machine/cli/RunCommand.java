package org.opennexus.machine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opennexus.machine.Engine;
import org.opennexus.machine.ExitReason;
import org.opennexus.machine.MachineConfig;
import org.opennexus.machine.RunResult;
import org.opennexus.machine.VirtMachine;
import org.opennexus.machine.loader.LoadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = NexusMain.Version.class,
        description = {"Boot the virt machine. UART0 output goes to stdout; stdin feeds UART0 "
                + "(a terminal is put in raw mode; Ctrl-A x quits)."},
        footer = {"", "Exit status: 0 guest power-off / HTIF pass / marker seen / Ctrl-A x; the guest's code for a "
                + "finisher or HTIF failure (SBI shutdown with reason 'system failure' = 1); 1 when --expect "
                + "markers are missing at power-off; 124 on --timeout; 2 on usage or image errors; 3 on an emulator error."})
final class RunCommand implements Callable<Integer> {
    private final Io io;

    @Spec
    CommandSpec spec;

    @Mixin
    MachineOptions machine;

    @Option(names = "--engine", paramLabel = "interp|jit", defaultValue = "jit",
            description = "Execution engine: 'jit' translates hot code to JVM bytecode, 'interp' only "
                    + "interprets (the reference engine). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--deterministic",
            description = "mtime = instructions retired by hart 0 / 100 (WFI skips ahead to the timer deadline), "
                    + "RTC from a fixed epoch, virtio-rng seeded: a single-hart run is repeatable bit for bit.")
    boolean deterministic;

    @Option(names = "--until-marker", paramLabel = "TEXT", description = "Exit 0 as soon as the console output contains TEXT.")
    String untilMarker;

    @Option(names = "--expect", paramLabel = "FILE",
            description = "File of markers, one per line (blank lines and lines starting with # ignored), that must "
                    + "appear in this order; exit 0 when the last appears, else report the first missing one.")
    Path expect;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop after this long (e.g. 20s, 2m, 500ms) with exit status 124.")
    String timeout;

    RunCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        MachineConfig.Builder b = machine.toBuilder(NexusMain.defaultKernel(), true);
        b.engine(switch (engine) {
            case "interp" -> Engine.INTERP;
            case "jit" -> Engine.JIT;
            default -> throw new ParameterException(spec.commandLine(), "--engine: expected interp or jit, got '" + engine + "'");
        });
        b.deterministic(deterministic);
        List<String> markers = new ArrayList<>();
        if (untilMarker != null) {
            markers.add(untilMarker);
        }
        if (expect != null) {
            markers.addAll(readMarkers(machine.readable(expect, "--expect")));
        }
        b.markers(markers);
        if (timeout != null) {
            try {
                b.timeout(Sizes.parseDuration(timeout));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
            }
        }
        b.console(io.out());
        VirtMachine[] self = new VirtMachine[1];
        InputStream in = io.in() == null ? null : new EscapeInput(io.in(), () -> self[0].quit());
        b.consoleInput(in);
        MachineConfig config = machine.build(b);
        VirtMachine m;
        try {
            m = new VirtMachine(config);
        } catch (LoadException e) {
            io.err().println("nexus: " + e.getMessage());
            return NexusMain.EXIT_USAGE;
        }
        self[0] = m;
        RawTerminal tty = io.interactive() ? RawTerminal.enterIfTerminal() : null;
        try (m) {
            RunResult r = m.run();
            io.out().flush();
            if (tty != null) {
                tty.close();
                tty = null;
            }
            report(r);
            return r.exitCode();
        } finally {
            if (tty != null) {
                tty.close();
            }
        }
    }

    private void report(RunResult r) {
        if (r.reason() == ExitReason.POWER_OFF || r.reason() == ExitReason.MARKER
                || r.reason() == ExitReason.HTIF_PASS || r.reason() == ExitReason.USER_QUIT) {
            return;
        }
        String prefix = r.reason() == ExitReason.HTIF_FAIL ? "" : "nexus: ";
        io.err().println((io.interactive() ? "\r\n" : "") + prefix + r.detail());
    }

    private List<String> readMarkers(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line);
            }
        }
        if (out.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--expect " + file + ": no markers in the file");
        }
        return out;
    }
}
