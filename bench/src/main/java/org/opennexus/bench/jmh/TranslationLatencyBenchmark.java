package org.opennexus.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.opennexus.jit.CodeCache;
import org.opennexus.machine.loader.ElfImage;

/**
 * Time to translate one region (scan, bytecode generation with ASM, hidden-class definition) at
 * the start of a workload's workload_run function, in a fresh code cache each time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class TranslationLatencyBenchmark {
    @Param({"crc32", "sort", "interp"})
    public String workload;

    private GuestFixture guest;
    private long pc;
    private CodeCache cache;

    @Setup(Level.Trial)
    public void load() throws Exception {
        guest = new GuestFixture(workload, "interp");
        pc = ElfImage.read(GuestFixture.workloadElf(workload)).symbol("workload_run")
                .orElseThrow(() -> new IllegalStateException("no workload_run symbol"));
    }

    @Setup(Level.Invocation)
    public void freshCache() {
        cache = new CodeCache(guest.bus);
    }

    @Benchmark
    public int translateRegion() {
        return cache.translateNow(pc, pc - GuestFixture.RAM_BASE);
    }
}
