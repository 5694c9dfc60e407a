package org.opennexus.machine.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Decompiles a DTB with the system's dtc and parses the source into path -> (property -> value text). */
public final class Dts {
    private Dts() { }

    public static String decompile(Path dtb) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dtc", "-I", "dtb", "-O", "dts", dtb.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("dtc rejected " + dtb + " (exit " + p.exitValue() + ")");
        }
        return out;
    }

    public static Map<String, Map<String, String>> parse(String dts) {
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        Deque<String> path = new ArrayDeque<>();
        for (String raw : dts.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("/dts-v1/")) {
                continue;
            }
            if (line.endsWith("{")) {
                String name = line.substring(0, line.length() - 1).trim();
                String parent = path.isEmpty() ? "" : path.peek();
                String full = name.equals("/") ? "/" : (parent.equals("/") ? "" : parent) + "/" + name;
                path.push(full);
                nodes.put(full, new LinkedHashMap<>());
            } else if (line.equals("};")) {
                path.pop();
            } else if (line.endsWith(";")) {
                String body = line.substring(0, line.length() - 1);
                int eq = body.indexOf(" = ");
                String key = eq < 0 ? body : body.substring(0, eq);
                String value = eq < 0 ? "" : body.substring(eq + 3);
                nodes.get(path.peek()).put(key, value);
            }
        }
        return nodes;
    }

    public static Map<String, Map<String, String>> load(Path dtb) throws IOException, InterruptedException {
        return parse(decompile(dtb));
    }

    public static Path write(Path dir, String name, byte[] data) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, data);
        return f;
    }
}
