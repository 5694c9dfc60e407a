package org.opennexus.machine.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The streams a command uses: the guest console goes to {@code out}, messages to {@code err}. */
record Io(InputStream in, PrintStream out, PrintStream err, boolean interactive) { }
