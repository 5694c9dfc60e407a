package org.opennexus.machine;

import java.io.IOException;
import java.io.InputStream;
import org.opennexus.machine.board.Board;
import org.opennexus.machine.board.ConsoleOutput;
import org.opennexus.machine.board.StopSignal;
import org.opennexus.machine.loader.LoadException;

/**
 * A QEMU-compatible RISC-V virt machine, in process. Construction loads every image (so a bad file
 * fails here with a {@link LoadException}); {@link #run()} powers it on and returns when the guest
 * powers off, fails, passes/fails through HTIF, the markers appear, the timeout elapses or
 * {@link #quit()} is called. A guest reset restarts the board from the same images within one run.
 *
 * <pre>{@code
 * try (VirtMachine m = new VirtMachine(MachineConfig.builder().kernel(elf).timeout(Duration.ofSeconds(10)).build())) {
 *     RunResult r = m.run();
 * }
 * }</pre>
 */
public final class VirtMachine implements AutoCloseable {
    /** Exit status for {@link ExitReason#TIMEOUT}, as coreutils' timeout(1). */
    public static final int EXIT_TIMEOUT = 124;
    /** Exit status for {@link ExitReason#EXPECT_FAILED}. */
    public static final int EXIT_EXPECT_FAILED = 1;
    /** Exit status for {@link ExitReason#ERROR} (an emulator failure). */
    public static final int EXIT_ERROR = 3;

    private final MachineConfig config;
    private final ConsoleOutput console;
    private volatile StopSignal stop = new StopSignal();
    private volatile Board board;
    private Thread inputPump;
    private boolean ran;

    public VirtMachine(MachineConfig config) throws LoadException {
        this.config = config;
        this.console = new ConsoleOutput(config.console(), config.markers(),
                () -> stop.stop(ExitReason.MARKER, 0, "marker seen"));
        this.board = new Board(config, console, stop);
    }

    /** The board currently powered on (tests poke at RAM and devices through it). */
    public Board board() {
        return board;
    }

    /** Everything the guest has written to the console so far. */
    public String consoleText() {
        return console.text();
    }

    /** Feeds bytes to UART0's receiver as if typed. */
    public void type(byte[] bytes) {
        board.uart().receive(bytes, 0, bytes.length);
    }

    /** Stops the machine from outside (Ctrl-A x); {@link #run()} returns {@link ExitReason#USER_QUIT}. */
    public void quit() {
        stop.stop(ExitReason.USER_QUIT, 0, "quit from the console");
    }

    /** Runs the machine to completion; may be called once. */
    public RunResult run() throws InterruptedException {
        if (ran) {
            throw new IllegalStateException("a VirtMachine runs once");
        }
        ran = true;
        startInputPump();
        long deadline = config.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + config.timeout().toNanos();
        while (true) {
            board.start();
            boolean stopped = stop.await(Math.max(0, deadline - System.nanoTime()));
            if (!stopped) {
                stop.stop(ExitReason.TIMEOUT, EXIT_TIMEOUT, "timeout after " + formatDuration(config.timeout()));
            }
            board.halt();
            if (!stop.isReset()) {
                break;
            }
            board.close();
            stop = new StopSignal();
            try {
                board = new Board(config, console, stop);
            } catch (LoadException e) {
                return finish(ExitReason.ERROR, EXIT_ERROR, "reset: " + e.getMessage());
            }
        }
        String detail = stop.detail();
        if (stop.reason() == ExitReason.TIMEOUT || stop.reason() == ExitReason.ERROR) {
            detail += " (" + board.describeHarts() + ")";
        }
        return finish(stop.reason(), stop.exitCode(), detail);
    }

    private RunResult finish(ExitReason reason, int code, String detail) {
        console.flush();
        if (Boolean.getBoolean("nexus.jit.stats")) {
            System.err.println(board.engineStatistics());
        }
        if (!config.markers().isEmpty() && !console.allMarkersSeen()
                && reason != ExitReason.TIMEOUT && reason != ExitReason.ERROR && reason != ExitReason.USER_QUIT) {
            return new RunResult(EXIT_EXPECT_FAILED, ExitReason.EXPECT_FAILED, console.text(),
                    "missing marker: " + console.firstMissingMarker() + " (machine stopped: " + detail + ")");
        }
        if (reason == ExitReason.TIMEOUT && !config.markers().isEmpty()) {
            detail = detail + "; missing marker: " + console.firstMissingMarker();
        }
        return new RunResult(code, reason, console.text(), detail);
    }

    private void startInputPump() {
        InputStream in = config.consoleInput();
        if (in == null) {
            return;
        }
        inputPump = Thread.ofPlatform().daemon().name("nexus-console-input").start(() -> {
            byte[] buf = new byte[256];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        board.uart().receive(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // input closed: no more typing
            }
        });
    }

    private static String formatDuration(java.time.Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /** Returns the config this machine was built from. */
    public MachineConfig config() {
        return config;
    }

    @Override
    public void close() {
        stop.stop(ExitReason.USER_QUIT, 0, "machine closed");
        try {
            board.halt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        board.close();
        if (inputPump != null) {
            inputPump.interrupt();
        }
    }
}
