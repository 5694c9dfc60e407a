package org.opennexus.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Guest instructions per second of each engine on each bench workload, after warm-up (steady
 * state). The score is in operations per microsecond with one operation per guest instruction:
 * the number reads directly as millions of guest instructions per second (MIPS).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xss4m"})
public class EngineThroughputBenchmark {
    static final int INSTRUCTIONS = 1_000_000;

    @Param({"interp", "jit"})
    public String engine;

    @Param({"crc32", "fsm", "interp", "list", "matrix", "sort"})
    public String workload;

    private GuestFixture guest;

    @Setup
    public void setUp() throws Exception {
        guest = new GuestFixture(workload, engine);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public long guestInstructions() {
        return guest.run(INSTRUCTIONS);
    }
}
