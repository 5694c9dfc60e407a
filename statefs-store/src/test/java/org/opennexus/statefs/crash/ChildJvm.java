package org.opennexus.statefs.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM running a test-scope main class with the same java binary, the test class path and
 * the flags lmdbjava needs on JDK 25.
 */
final class ChildJvm extends LineProcess {
    private static final List<String> FLAGS = List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            // start fast: these children live for milliseconds
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xss1m");

    private ChildJvm(List<String> command, Path stderr) throws IOException {
        super(command, stderr, false);
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
        return new ChildJvm(cmd, Files.createTempFile(work, "child-", ".stderr"));
    }
}
