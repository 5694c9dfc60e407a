package org.opennexus.machine.isa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.txt} written by jit/src/test/guest/Makefile: one line per program,
 * {@code NAME both} (runs on QEMU 7.2 and nexus) or {@code NAME nexus-only}.
 */
public record CorpusManifest(Path dir, List<Entry> entries) {
    public static final String FILE_NAME = "manifest.txt";

    public enum Where { BOTH, NEXUS_ONLY }

    public record Entry(String name, Where where, Path elf) { }

    public static CorpusManifest load(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(dir.resolve(FILE_NAME))) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            if (parts.length != 2) {
                throw new IOException(FILE_NAME + ":" + lineNo + ": expected 'NAME both|nexus-only': " + line);
            }
            Where where = switch (parts[1]) {
                case "both" -> Where.BOTH;
                case "nexus-only" -> Where.NEXUS_ONLY;
                default -> throw new IOException(FILE_NAME + ":" + lineNo + ": unknown kind " + parts[1]);
            };
            Path elf = dir.resolve(parts[0] + ".elf");
            if (!Files.isRegularFile(elf)) {
                throw new IOException(elf + " listed in the manifest is missing; run make first");
            }
            entries.add(new Entry(parts[0], where, elf));
        }
        if (entries.isEmpty()) {
            throw new IOException(dir.resolve(FILE_NAME) + " lists no programs");
        }
        return new CorpusManifest(dir, List.copyOf(entries));
    }
}
