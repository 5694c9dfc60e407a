package org.opennexus.statefs.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose stdout lines are collected by a reader thread (stderr goes to a file shown
 * in failure messages), for tests that kill processes at chosen moments: statefs-store's crash
 * writer ({@link ChildJvm}) and machine's nexus-under-test.
 */
public class LineProcess implements AutoCloseable {
    /** Queued after the last line once stdout has ended. */
    public static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    /** Starts {@code command} with stderr to {@code stderrFile}; stdin is closed when {@code noInput}. */
    protected LineProcess(List<String> command, Path stderrFile, boolean noInput) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderrFile.toFile());
        this.process = pb.start();
        if (noInput) {
            process.getOutputStream().close();
        }
        this.stderr = stderrFile;
        this.reader = Thread.ofPlatform().daemon().name("child-stdout-" + process.pid()).start(this::pump);
    }

    /** The java binary of this JVM (children run with the same JDK). */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The test class path of this JVM. */
    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child died mid-line: what was read is what it reported
        } finally {
            lines.add(EOF);
        }
    }

    /** The next stdout line, {@link #EOF} at end of output, or null on timeout. */
    public String nextLine(long timeoutMillis) throws InterruptedException {
        return lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Waits for a line equal to {@code expected}; fails with the child's stderr otherwise. */
    public void await(String expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            String l = nextLine(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (expected.equals(l)) {
                return;
            }
            if (l == null || l.equals(EOF)) {
                throw new AssertionError("child did not print " + expected + " (got " + (l == null ? "timeout" : "EOF")
                        + "); stderr:\n" + stderr());
            }
        }
    }

    /**
     * SIGKILL, then waits for death and the end of its output. Through ProcessHandle on purpose:
     * Process.destroyForcibly also closes our end of the child's stdout, which would throw away
     * lines the child wrote before it died but we had not read yet.
     */
    public List<String> kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
        return drain();
    }

    /** Waits for a normal exit and returns the remaining output lines. */
    public List<String> waitForExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child did not exit in time; stderr:\n" + stderr());
        }
        return drain();
    }

    private List<String> drain() throws InterruptedException {
        reader.join(10_000);
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        rest.remove(EOF);
        return rest;
    }

    public long pid() {
        return process.pid();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Kills the child if it still runs and waits (up to 10 s) for it to die. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.toHandle().destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
