package org.opennexus.machine.storage;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.opennexus.machine.cli.NexusMain;

/**
 * {@code nexus run ...} in a child JVM: what scripts/nexus runs (NexusMain, the JVM flags of
 * scripts/env.sh), but on the test class path, so the classes under test are the ones booted (the
 * packaged jar scripts/nexus uses does not exist yet during {@code mvn test}). Stdout (the guest's
 * UART) is read line by line by a thread; stderr goes to a file shown in failures. Tests that start
 * many machines first copy the class path ({@link #snapshotClassPath}), so that a concurrent rebuild
 * of target/classes or a reinstall of a jar cannot change classes under a starting child.
 */
final class NexusProcess implements AutoCloseable {
    static final String EOF = "\u0000EOF";
    private static final List<String> FLAGS = List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            // these machines live for a second: start fast
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Xss4m", "-XX:-UsePerfData");

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private NexusProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = Thread.ofPlatform().daemon().name("nexus-stdout-" + process.pid()).start(this::pump);
    }

    /** The test class path. */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Copies every entry of the test class path (jars and class directories) under {@code dir}. */
    static String snapshotClassPath(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String entry : testClassPath().split(File.pathSeparator)) {
            Path src = Path.of(entry);
            if (!Files.exists(src)) {
                continue;
            }
            Path dst = dir.resolve((i++) + "-" + src.getFileName());
            if (Files.isDirectory(src)) {
                try (Stream<Path> s = Files.walk(src)) {
                    for (Path p : s.toList()) {
                        Path t = dst.resolve(src.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.createDirectories(dir);
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(dst.toString());
        }
        return String.join(File.pathSeparator, out);
    }

    /**
     * Starts {@code nexus run ARGS} with {@code classPath} ({@link #testClassPath} or a snapshot);
     * {@code work} holds stderr and lmdbjava's extracted native library.
     */
    static NexusProcess run(Path work, String classPath, String... runArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(FLAGS);
        cmd.add("-Dlmdbjava.extract.dir=" + work); // a killed JVM cannot delete its copy: keep it in work
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(NexusMain.class.getName());
        cmd.add("run");
        cmd.addAll(List.of(runArgs));
        Path err = Files.createTempFile(work, "nexus-", ".stderr");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close(); // no console input
        return new NexusProcess(p, err);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // killed mid-line: what was read is what the guest reported
        } finally {
            lines.add(EOF);
        }
    }

    /** The next stdout line, {@link #EOF} at the end of the output, or null on timeout. */
    String nextLine(long timeoutMillis) throws InterruptedException {
        return lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * SIGKILL; waits for death and returns the remaining lines. Through ProcessHandle on purpose:
     * Process.destroyForcibly also closes our end of the child's stdout, which would throw away
     * lines the guest printed before the kill but we had not read yet.
     */
    List<String> kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
        return drain();
    }

    /** Waits for a normal exit; returns the remaining lines. */
    List<String> waitForExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("nexus did not exit in time; stderr:\n" + stderr());
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

    /** Kills the JVM if it still runs and waits (up to 10 s) for it to die. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
