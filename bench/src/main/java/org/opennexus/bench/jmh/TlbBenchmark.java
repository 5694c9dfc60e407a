package org.opennexus.bench.jmh;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.Mmu;
import org.opennexus.memory.PhysicalBus;

/**
 * Cost of a guest load and store that hit the software TLB (Mmu.load/store), next to a plain
 * MemorySegment access of the same RAM as the floor. 512 accesses over 8 pages per invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class TlbBenchmark {
    static final int ACCESSES = 512;
    static final long BASE = 0x8000_0000L;

    private final GuestRam ram = new GuestRam(BASE, 1 << 20);
    private final Mmu mmu = new Mmu(new PhysicalBus(ram));
    private final MemorySegment segment = ram.segment();
    private long value;

    @Setup
    public void warmTlb() {
        for (int i = 0; i < ACCESSES; i++) mmu.store(address(i), 8, i);   // fills load and store views
    }

    private static long address(int i) {
        return BASE + (long) (i & 7) * 4096 + (i >>> 3) * 8L;
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public long tlbHitLoad() {
        long sum = 0;
        for (int i = 0; i < ACCESSES; i++) sum += mmu.load(address(i), 8);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public void tlbHitStore() {
        long v = ++value;
        for (int i = 0; i < ACCESSES; i++) mmu.store(address(i), 8, v + i);
    }

    @Benchmark
    @OperationsPerInvocation(ACCESSES)
    public long segmentLoadFloor() {
        long sum = 0;
        for (int i = 0; i < ACCESSES; i++) sum += segment.get(GuestRam.LONG, address(i) - BASE);
        return sum;
    }
}
