package org.opennexus.machine.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code nexus} command: {@code nexus run ...}, {@code nexus dtb ...}. */
@Command(name = "nexus", mixinStandardHelpOptions = true, versionProvider = NexusMain.Version.class,
        description = "nexus: a RISC-V RV64GC machine compatible with QEMU's virt board.",
        subcommands = CommandLine.HelpCommand.class)
public final class NexusMain implements Runnable {
    public static final String VERSION = "0.1.0-SNAPSHOT";
    public static final int EXIT_USAGE = 2;

    private final Io io;

    NexusMain(Io io) {
        this.io = io;
    }

    @Override
    public void run() {
        io.err().println("nexus: missing command (run or dtb); see 'nexus --help'");
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command");
    }

    public static void main(String[] args) {
        int code = execute(args, System.in, System.out, System.err, true);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs the command line in process and returns the exit status. {@code in} feeds UART0 (may be
     * null); the guest console goes to {@code out}; messages to {@code err}.
     */
    public static int execute(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        Io io = new Io(in, out, err, interactive);
        CommandLine cl = new CommandLine(new NexusMain(io));
        cl.addSubcommand("run", new RunCommand(io));
        cl.addSubcommand("dtb", new DtbCommand(io));
        cl.addSubcommand("disk", new org.opennexus.statefs.DiskCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            if (!ex.getMessage().equals("missing command")) {
                err.println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
            }
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            err.println("nexus: internal error: " + ex);
            ex.printStackTrace(err);
            return 3;
        });
        return cl.execute(args);
    }

    /** build/nexus-os.elf under the project root the launcher passes (-Dnexus.root), else under the working directory. */
    static Path defaultKernel() {
        String root = System.getProperty("nexus.root");
        return (root != null ? Path.of(root) : Path.of("")).resolve("build").resolve("nexus-os.elf");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"nexus " + VERSION + " (QEMU virt board compatible, RV64GC)"};
        }
    }
}
