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
 * A child JVM running a test-scope main class with the same java binary, the test class path and
 * the flags lmdbjava needs on JDK 25. Its stdout lines are collected by a reader thread; stderr goes
 * to a file shown in failure messages.
 */
final class ChildJvm implements AutoCloseable {
    static final String EOF = "\u0000EOF";
    private static final List<String> FLAGS = List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            // start fast: these children live for milliseconds
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xss1m");

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = Thread.ofPlatform().daemon().name("child-stdout-" + process.pid()).start(this::pump);
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Starts {@code main} with {@code args}; lmdbjava extracts its native library into {@code work}. */
    static ChildJvm start(Class<?> main, Path work, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(FLAGS);
        cmd.add("-Dlmdbjava.extract.dir=" + work); // a killed child cannot delete its copy: keep it in work
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(work, "child-", ".stderr");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        return new ChildJvm(p, err);
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
    String nextLine(long timeoutMillis) throws InterruptedException {
        return lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Waits for a line equal to {@code expected}; fails with the child's stderr otherwise. */
    void await(String expected, long timeoutMillis) throws InterruptedException, IOException {
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
     * lines the child wrote before it died but we had not read yet (and undercount its flushes).
     */
    List<String> kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
        return drain();
    }

    /** Waits for a normal exit and returns the remaining output lines. */
    List<String> waitForExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child did not exit in time");
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

    long pid() {
        return process.pid();
    }

    int exitValue() {
        return process.exitValue();
    }

    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
