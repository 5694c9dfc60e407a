package org.opennexus.bench.io;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** One row of the I/O table: how to read it from a run and whether more is better. */
public record IoMetric(String name, String unit, boolean higherIsBetter, ToDoubleFunction<IoResult> value) {
    public static final List<IoMetric> ALL = List.of(
            new IoMetric("4K random read", "IOPS", true, r -> r.iops("randread")),
            new IoMetric("4K random write", "IOPS", true, r -> r.iops("randwrite")),
            new IoMetric("sequential read (1 MiB)", "MB/s", true, r -> r.mbPerSecond("seqread")),
            new IoMetric("sequential write (1 MiB)", "MB/s", true, r -> r.mbPerSecond("seqwrite")),
            new IoMetric("flush after one 4K write", "us", false, r -> r.micros("flush")),
            new IoMetric("flush after 2048 random 4K", "us", false, r -> r.micros("randwrite-flush")),
            new IoMetric("flush after 64 MiB sequential", "us", false, r -> r.micros("seqwrite-flush")));
}
