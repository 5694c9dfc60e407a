package org.opennexus.machine.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opennexus.machine.DriveConfig;

class ArgumentParsingTest {
    @Test
    void sizes() {
        assertEquals(256L << 20, Sizes.parseSize("256M"));
        assertEquals(1L << 30, Sizes.parseSize("1G"));
        assertEquals(1L << 30, Sizes.parseSize("1GiB"));
        assertEquals(512L << 10, Sizes.parseSize("512k"));
        assertEquals(128L << 20, Sizes.parseSize("128"), "a bare number is MiB, as QEMU -m");
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseSize("12X"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseSize("0"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseSize("99999999999999T"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(20), Sizes.parseDuration("20s"));
        assertEquals(Duration.ofMinutes(2), Sizes.parseDuration("2m"));
        assertEquals(Duration.ofMillis(500), Sizes.parseDuration("500ms"));
        assertEquals(Duration.ofMillis(1500), Sizes.parseDuration("1.5s"));
        assertEquals(Duration.ofSeconds(7), Sizes.parseDuration("7"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseDuration("soon"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseDuration("0s"));
    }

    @Test
    void drives() {
        assertEquals(new DriveConfig(Path.of("a.img"), DriveConfig.Format.RAW, false), DriveSpecs.parse("a.img"));
        assertEquals(new DriveConfig(Path.of("d"), DriveConfig.Format.LMDB, true), DriveSpecs.parse("d,format=lmdb,readonly"));
        assertEquals(new DriveConfig(Path.of("a"), DriveConfig.Format.RAW, false), DriveSpecs.parse("a,readonly=off"));
        assertThrows(IllegalArgumentException.class, () -> DriveSpecs.parse("a,format=qcow2"));
        assertThrows(IllegalArgumentException.class, () -> DriveSpecs.parse("a,cache=none"));
        assertThrows(IllegalArgumentException.class, () -> DriveSpecs.parse(",format=raw"));
    }

    @Test
    void ctrlAEscapes() throws Exception {
        AtomicInteger quits = new AtomicInteger();
        // "ab", Ctrl-A Ctrl-A (one Ctrl-A passes), Ctrl-A z (dropped), "c", Ctrl-A x (quit)
        byte[] typed = {'a', 'b', 1, 1, 1, 'z', 'c', 1, 'x'};
        EscapeInput in = new EscapeInput(new ByteArrayInputStream(typed), quits::incrementAndGet);
        byte[] out = in.readAllBytes();
        assertArrayEquals(new byte[] {'a', 'b', 1, 'c'}, out);
        assertEquals(1, quits.get());
    }
}
