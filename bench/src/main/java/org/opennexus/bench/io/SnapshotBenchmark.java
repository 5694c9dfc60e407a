package org.opennexus.bench.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opennexus.statefs.DiskOptions;
import org.opennexus.statefs.DiskTool;
import org.opennexus.statefs.LmdbBlockBackend;

/**
 * Cost of {@code DiskTool.snapshot} (LMDB compacting copy of the last flush) of a 1 GiB disk with
 * 10% of its 4 KiB blocks written (random blocks, random data). Each invocation copies into a fresh
 * empty directory, deleted after the invocation (outside the measurement).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class SnapshotBenchmark {
    static final long DISK_BYTES = 1L << 30;
    static final int BLOCK = 4096;
    static final double USED = 0.10;

    private Path work;
    private Path disk;
    private Path dest;

    @Setup(Level.Trial)
    public void createDisk() throws IOException {
        work = Files.createTempDirectory("nexus-snapshot-bench");
        disk = work.resolve("disk.lmdb");
        long blocks = DISK_BYTES / BLOCK;
        long target = (long) (blocks * USED);
        SplittableRandom r = new SplittableRandom(1);
        byte[] data = new byte[BLOCK];
        MemorySegment seg = MemorySegment.ofArray(data);
        java.util.BitSet used = new java.util.BitSet((int) blocks);
        try (LmdbBlockBackend d = LmdbBlockBackend.create(disk, DISK_BYTES, DiskOptions.defaults())) {
            long written = 0;
            while (written < target) {
                int b = (int) r.nextLong(blocks);
                if (used.get(b)) {
                    continue;
                }
                used.set(b);
                r.nextBytes(data);
                d.write((long) b * BLOCK, seg);
                if (++written % 8192 == 0) {
                    d.flush(); // keep the write cache small
                }
            }
        }
    }

    @Setup(Level.Invocation)
    public void freshDestination() throws IOException {
        dest = Files.createTempDirectory(work, "snap");
    }

    @Benchmark
    public DiskTool.DiskInfo snapshot1GiB10PercentUsed() throws IOException {
        return DiskTool.snapshot(disk, dest);
    }

    @TearDown(Level.Invocation)
    public void deleteDestination() throws IOException {
        deleteTree(dest);
    }

    @TearDown(Level.Trial)
    public void deleteDisk() throws IOException {
        deleteTree(work);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
