package org.opennexus.machine.storage;

import org.opennexus.statefs.crash.LineProcess;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.opennexus.machine.cli.NexusMain;

/**
 * {@code nexus run ...} in a child JVM: what scripts/nexus runs (NexusMain, the JVM flags of
 * scripts/env.sh), but on the test class path, so the classes under test are the ones booted (the
 * packaged jar scripts/nexus uses does not exist yet during {@code mvn test}). Stdout (the guest's
 * UART) is read line by line ({@link LineProcess}); stderr goes to a file shown in failures. Tests that start
 * many machines first copy the class path ({@link #snapshotClassPath}), so that a concurrent rebuild
 * of target/classes or a reinstall of a jar cannot change classes under a starting child.
 */
final class NexusProcess extends LineProcess {
    private static final List<String> FLAGS = List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
            // these machines live for a second: start fast
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Xss4m", "-XX:-UsePerfData");

    private NexusProcess(List<String> command, Path stderr) throws IOException {
        super(command, stderr, true);   // no console input
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
        cmd.add(javaBinary());
        cmd.addAll(FLAGS);
        cmd.add("-Dlmdbjava.extract.dir=" + work); // a killed JVM cannot delete its copy: keep it in work
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(NexusMain.class.getName());
        cmd.add("run");
        cmd.addAll(List.of(runArgs));
        return new NexusProcess(cmd, Files.createTempFile(work, "nexus-", ".stderr"));
    }
}
