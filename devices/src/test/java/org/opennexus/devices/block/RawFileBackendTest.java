package org.opennexus.devices.block;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawFileBackendTest {
    @TempDir
    Path dir;

    @Test
    void sizeRoundsDownAndDataRoundTrips() throws IOException {
        Path img = dir.resolve("disk.img");
        byte[] init = new byte[3 * 512 + 100];
        for (int i = 0; i < init.length; i++) {
            init[i] = (byte) i;
        }
        Files.write(img, init);
        try (RawFileBackend b = RawFileBackend.open(img, false); Arena arena = Arena.ofConfined()) {
            assertEquals(3 * 512, b.sizeBytes());
            assertFalse(b.readOnly());
            assertEquals("disk.img", b.id());
            MemorySegment buf = arena.allocate(512);
            b.read(512, buf);
            assertEquals((byte) 512, buf.get(ValueLayout.JAVA_BYTE, 0));
            assertEquals((byte) 1023, buf.get(ValueLayout.JAVA_BYTE, 511));
            buf.fill((byte) 0xab);
            b.write(1024, buf);
            b.flush();
            assertThrows(IOException.class, () -> b.read(1024, arena.allocate(1024))); // past the end
        }
        byte[] after = Files.readAllBytes(img);
        assertEquals(init.length, after.length);
        assertEquals((byte) 0xab, after[1024]);
        assertEquals((byte) 0xab, after[1535]);
        assertEquals((byte) 1536, after[1536]); // the tail beyond the last whole sector is untouched
    }

    @Test
    void readOnlyRefusesWrites() throws IOException {
        Path img = dir.resolve("ro.img");
        Files.write(img, new byte[1024]);
        try (RawFileBackend b = RawFileBackend.open(img, true); Arena arena = Arena.ofConfined()) {
            assertTrue(b.readOnly());
            MemorySegment buf = arena.allocate(512);
            buf.fill((byte) 1);
            assertThrows(IOException.class, () -> b.write(0, buf));
        }
        assertEquals(0, Files.readAllBytes(img)[0]);
    }
}
