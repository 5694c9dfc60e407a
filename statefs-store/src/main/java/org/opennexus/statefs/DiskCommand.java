package org.opennexus.statefs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nexus disk}: picocli front end of {@link DiskTool}. Exit codes: 0 success, 1 {@code check}
 * found corruption, 2 an error (message on stderr), picocli's 2 for usage errors.
 */
@Command(name = "disk", mixinStandardHelpOptions = true,
        description = "Create and inspect LMDB-backed virtio-blk disks.",
        subcommands = {DiskCommand.Create.class, DiskCommand.Info.class, DiskCommand.Import.class,
                       DiskCommand.Export.class, DiskCommand.Snapshot.class, DiskCommand.Check.class})
public final class DiskCommand implements Runnable {
    public static final int EXIT_CORRUPT = 1;
    public static final int EXIT_ERROR = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (create, info, import, export, snapshot, check)");
    }

    /** Runs {@code nexus disk ARGS...} and returns the exit code. */
    public static int execute(String... args) {
        return new CommandLine(new DiskCommand()).execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    private interface Body {
        int run(PrintWriter out) throws IOException;
    }

    abstract static class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        int guarded(Body body) {
            PrintWriter out = spec.commandLine().getOut();
            try {
                int rc = body.run(out);
                out.flush();
                return rc;
            } catch (IOException | IllegalArgumentException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("nexus disk " + spec.name() + ": " + describe(e));
                err.flush();
                return EXIT_ERROR;
            }
        }

        private static String describe(Exception e) {
            if (e instanceof java.nio.file.NoSuchFileException n) {
                return "no such file or disk: " + n.getFile();
            }
            if (e instanceof java.nio.file.FileAlreadyExistsException x) {
                return "already exists: " + x.getFile();
            }
            return e.getMessage();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an all-zero disk.")
    static final class Create extends Sub {
        @Option(names = "--size", required = true, description = "Size, e.g. 64M, 1G (binary units; multiple of 512).")
        String size;

        @Parameters(index = "0", paramLabel = "PATH", description = "New disk directory (conventionally *.lmdb).")
        Path path;

        @Override
        public Integer call() {
            return guarded(out -> {
                out.println(DiskTool.create(path, DiskTool.parseSize(size)).format());
                return 0;
            });
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show size, blocks used, generation, uuid...")
    static final class Info extends Sub {
        @Parameters(index = "0", paramLabel = "PATH")
        Path path;

        @Override
        public Integer call() {
            return guarded(out -> {
                out.println(DiskTool.info(path).format());
                return 0;
            });
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Raw image -> new disk (sparse).")
    static final class Import extends Sub {
        @Parameters(index = "0", paramLabel = "RAW")
        Path raw;

        @Parameters(index = "1", paramLabel = "PATH")
        Path path;

        @Override
        public Integer call() {
            return guarded(out -> {
                out.println(DiskTool.importRaw(raw, path).format());
                return 0;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Disk -> raw image, byte-identical (usable as a raw drive by qemu-system-riscv64).")
    static final class Export extends Sub {
        @Parameters(index = "0", paramLabel = "PATH")
        Path path;

        @Parameters(index = "1", paramLabel = "RAW")
        Path raw;

        @Override
        public Integer call() {
            return guarded(out -> {
                long n = DiskTool.exportRaw(path, raw);
                out.println("exported " + n + " bytes to " + raw);
                return 0;
            });
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Consistent compacted copy of the last flush; works while the disk is attached.")
    static final class Snapshot extends Sub {
        @Parameters(index = "0", paramLabel = "PATH")
        Path path;

        @Parameters(index = "1", paramLabel = "DEST")
        Path dest;

        @Override
        public Integer call() {
            return guarded(out -> {
                out.println(DiskTool.snapshot(path, dest).format());
                return 0;
            });
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Verify metadata, keys, block sizes and counts; exit 1 on corruption.")
    static final class Check extends Sub {
        @Parameters(index = "0", paramLabel = "PATH")
        Path path;

        @Override
        public Integer call() {
            return guarded(out -> {
                DiskTool.CheckReport r = DiskTool.check(path);
                out.println(r.format());
                return r.ok() ? 0 : EXIT_CORRUPT;
            });
        }
    }
}
