package org.opennexus.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opennexus.memory.Trap;

/**
 * Seeded random programs (see {@link RandomProgram}) in lockstep on the interpreter and the
 * translator. The seed base is printed and can be set with -Dnexus.lockstep.seed; the count with
 * -Dnexus.lockstep.count.
 */
class TranslatorLockstepTest {
    static final long SEED = Long.getLong("nexus.lockstep.seed", 0x5eed_0001L);
    static final int COUNT = Integer.getInteger("nexus.lockstep.count", 150);

    @TestFactory
    Stream<DynamicTest> randomPrograms() {
        System.out.println("lockstep: seed base 0x" + Long.toHexString(SEED) + ", " + COUNT + " programs");
        return LongStream.range(0, COUNT).mapToObj(i -> DynamicTest.dynamicTest("seed 0x" + Long.toHexString(SEED + i), () -> {
            String src = RandomProgram.generate(SEED + i);
            Lockstep l = new Lockstep(Asm.assemble(src));
            l.clock = true;
            try {
                l.runUntilCause(Trap.BREAKPOINT, 2_000_000);
                l.compareRam();
            } catch (AssertionError e) {
                throw new AssertionError("seed 0x" + Long.toHexString(SEED + i) + ": " + e.getMessage() + "\n" + src, e);
            }
            assertEquals(Trap.BREAKPOINT, l.jit.hart.readCsr(Csr.MCAUSE), "program must end at its EBREAK");
            assertTrue(l.cache.translations() > 0);
        }));
    }
}
