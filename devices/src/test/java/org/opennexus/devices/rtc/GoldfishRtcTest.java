package org.opennexus.devices.rtc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GoldfishRtcTest {
    private final AtomicLong clock = new AtomicLong(0x1234_5678_9abc_def0L);
    private final AtomicBoolean irq = new AtomicBoolean();
    private final GoldfishRtc rtc = new GoldfishRtc(clock::get, irq::set);

    @Test
    void readingLowLatchesHigh() {
        assertEquals(0x9abc_def0L, rtc.read(0x00, 4));
        clock.set(0x2222_2222_0000_0000L);
        assertEquals(0x1234_5678L, rtc.read(0x04, 4)); // latched at the TIME_LOW read
        assertEquals(0, rtc.read(0x00, 4));
        assertEquals(0x2222_2222L, rtc.read(0x04, 4));
    }

    @Test
    void writingTimeMovesAnOffset() {
        rtc.write(0x04, 4, 0x10);
        rtc.write(0x00, 4, 0x20);
        assertEquals(0x20, rtc.read(0x00, 4));
        assertEquals(0x10, rtc.read(0x04, 4));
        clock.addAndGet(5);
        assertEquals(0x25, rtc.read(0x00, 4));
    }

    @Test
    void alarmFiresWhenDueAndInterruptNeedsEnable() {
        long now = clock.get();
        long when = now + 1000;
        rtc.write(0x0c, 4, when >>> 32);
        rtc.write(0x08, 4, when & 0xffff_ffffL);
        assertEquals(1, rtc.read(0x18, 4)); // alarm running
        assertEquals(when, rtc.alarmDeadline());
        clock.addAndGet(999);
        rtc.tick();
        assertEquals(1, rtc.read(0x18, 4));
        clock.addAndGet(1);
        rtc.tick();
        assertEquals(0, rtc.read(0x18, 4));
        assertFalse(irq.get()); // pending, but IRQ_ENABLED is 0
        rtc.write(0x10, 4, 1);
        assertTrue(irq.get());
        assertEquals(1, rtc.read(0x10, 4));
        rtc.write(0x1c, 4, 1); // CLEAR_INTERRUPT
        assertFalse(irq.get());
    }

    @Test
    void alarmInThePastFiresAtOnce() {
        rtc.write(0x10, 4, 1);
        rtc.write(0x0c, 4, 0);
        rtc.write(0x08, 4, 5);
        assertTrue(irq.get());
        assertEquals(0, rtc.read(0x18, 4));
    }

    @Test
    void clearAlarmDisarms() {
        rtc.write(0x10, 4, 1);
        long when = clock.get() + 10;
        rtc.write(0x0c, 4, when >>> 32);
        rtc.write(0x08, 4, when & 0xffff_ffffL);
        rtc.write(0x14, 4, 1);
        assertEquals(Long.MAX_VALUE, rtc.alarmDeadline());
        clock.addAndGet(100);
        rtc.tick();
        assertFalse(irq.get());
    }

    @Test
    void wordAccessesOnly() {
        assertTrue(rtc.accepts(0x08, 4));
        assertFalse(rtc.accepts(0x08, 8));
        assertFalse(rtc.accepts(0x01, 4));
    }
}
