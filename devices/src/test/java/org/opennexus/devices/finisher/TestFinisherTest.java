package org.opennexus.devices.finisher;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestFinisherTest {
    private final List<String> calls = new ArrayList<>();
    private final TestFinisher finisher = new TestFinisher(new FinisherListener() {
        @Override public void powerOff() { calls.add("off"); }
        @Override public void fail(int code) { calls.add("fail " + code); }
        @Override public void reset() { calls.add("reset"); }
    });

    @Test
    void commands() {
        finisher.write(0, 4, 0x5555);
        finisher.write(0, 4, (42 << 16) | 0x3333);
        finisher.write(0, 4, 0x7777);
        finisher.write(0, 4, 0x1234);      // ignored
        finisher.write(4, 4, 0x5555);      // other offset: ignored
        assertEquals(List.of("off", "fail 42", "reset"), calls);
        assertEquals(0, finisher.read(0, 4));
    }

    @Test
    void validSizesAreTwoToFourBytes() {
        assertTrue(finisher.accepts(0, 2));
        assertTrue(finisher.accepts(0, 4));
        assertFalse(finisher.accepts(0, 1));
        assertFalse(finisher.accepts(0, 8));
        finisher.write(0, 2, 0x5555);
        assertEquals(List.of("off"), calls);
    }
}
