package org.opennexus.machine.isa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the cross-compiled guest binaries under {@code ${nexus.build.dir}/guest}. */
public final class GuestBuild {
    private GuestBuild() { }

    /** {@code ${nexus.build.dir}}, set by the parent pom (default: build/ at the repository root). */
    public static Path buildDir() {
        String dir = System.getProperty("nexus.build.dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property nexus.build.dir is not set (the parent pom sets it)");
        }
        return Paths.get(dir);
    }

    /** {@code ${nexus.build.dir}/guest/isa}, which must hold the corpus and its manifest. */
    public static Path isaDir() {
        Path dir = buildDir().resolve("guest").resolve("isa");
        if (!Files.isRegularFile(dir.resolve(CorpusManifest.FILE_NAME))) {
            throw new IllegalStateException("guest test binaries missing: " + dir.resolve(CorpusManifest.FILE_NAME)
                    + " does not exist; run make first (make -C jit/src/test/guest BUILD=" + buildDir() + " all)");
        }
        return dir;
    }
}
