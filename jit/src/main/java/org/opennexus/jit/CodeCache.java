package org.opennexus.jit;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opennexus.memory.GuestRam;
import org.opennexus.memory.PhysicalBus;

/**
 * Translated units of one machine, shared by all its harts, found by the RAM offset of their first
 * instruction (a physical address) and its virtual pc: units bake in pcs (auipc, links, exits), so
 * RAM reached at two virtual addresses (a kernel running first at its physical, then at its
 * virtual address) gets a unit per address; the map holds the latest, the other stays valid for
 * harts that still reach it through their jump caches. Units contain no privilege-dependent code,
 * so no other state is part of the key.
 *
 * <p>Invalidation: a page holding units is watched on the bus, so every hart store, SC or AMO to
 * it is reported after the write ({@link PhysicalBus#watchCodePage}); device DMA is reported by
 * {@link GuestRam#dmaWritten}. Either drops every unit of the page (they are marked invalid, so a
 * hart holding one in its jump cache or chain never enters it again) and stops watching the page.
 * Dropped units become unreachable and their hidden classes are unloaded by the GC; each unit is
 * its own class so one live unit never pins dead ones.
 */
public final class CodeCache {
    /**
     * Marks a start offset whose first instruction cannot be translated, so it is not rescanned
     * (one per offset, so it is invalidated with its page like a unit).
     */
    static final class Untranslatable extends TranslatedUnit {
        Untranslatable(long ramOffset, long pc) {
            super(ramOffset, pc, 0, 0, 0);
        }

        @Override
        public int exec(Hart h, int budget) {
            throw new IllegalStateException("not a unit: " + this);
        }
    }

    private static final MethodType CONSTRUCTOR = MethodType.methodType(void.class, long.class, long.class, int.class, int.class, int.class);

    private final PhysicalBus bus;
    private final GuestRam ram;
    private final MemorySegment segment;
    private final ConcurrentHashMap<Long, TranslatedUnit> units = new ConcurrentHashMap<>();
    /** RAM page number -> units and markers starting in it (guarded by this). */
    private final Map<Long, List<TranslatedUnit>> byPage = new HashMap<>();
    private final MethodHandles.Lookup lookup = MethodHandles.lookup();
    /** Executions of a start pc (hashed) before its region is translated. */
    final int hotThreshold;
    private volatile long invalidations;
    /** Units and markers put in the map so far (a dispatcher's cached miss is stale once it changes). */
    private volatile long additions;
    private long translations;
    private long retranslations;
    private long translationNanos;
    private long bytecodeBytes;

    /** Default number of visits of a pc before its region is translated (-Dnexus.jit.hot overrides). */
    public static final int DEFAULT_HOT_THRESHOLD = Integer.getInteger("nexus.jit.hot", 20_000);

    public CodeCache(PhysicalBus bus) {
        this(bus, DEFAULT_HOT_THRESHOLD);
    }

    /** hotThreshold 1 translates code the first time it is reached (used by the lockstep tests). */
    public CodeCache(PhysicalBus bus, int hotThreshold) {
        if (hotThreshold < 1 || hotThreshold > 30_000) throw new IllegalArgumentException("hot threshold " + hotThreshold);
        this.hotThreshold = hotThreshold;
        this.bus = bus;
        this.ram = bus.ram();
        this.segment = ram.segment();
        bus.setCodeWriteListener(this::written);
        ram.setDmaListener(this::written);
    }

    /** The unit or {@link Untranslatable} marker at this RAM offset, or null if none was made yet. */
    TranslatedUnit lookup(long ramOffset, long pc) {
        TranslatedUnit u = units.get(ramOffset);
        return u != null && u.startPc == pc ? u : null;
    }

    /** Units and markers added so far: unchanged means every lookup that missed would miss again. */
    long additions() {
        return additions;
    }

    /** Number of invalidation events so far (any change tells a unit it may be stale). */
    long invalidations() {
        return invalidations;
    }

    public synchronized long translations() { return translations; }
    /** Time spent generating and defining unit classes (statistics). */
    public synchronized long translationNanos() { return translationNanos; }
    /** Regions translated again with profiled indirect-jump targets. */
    public synchronized long retranslations() { return retranslations; }
    public synchronized long bytecodeBytes() { return bytecodeBytes; }
    public int size() { return units.size(); }

    /**
     * Translates the region starting at pc (RAM offset ramOffset; the caller has checked fetch
     * permission for the page). Returns the unit, or an {@link Untranslatable} marker when the first
     * instruction is not translatable.
     */
    synchronized TranslatedUnit translate(long pc, long ramOffset) {
        TranslatedUnit existing = units.get(ramOffset);
        if (existing != null && existing.startPc == pc) return existing;
        // (a unit of another virtual alias of this RAM stays valid for its own pc and in byPage,
        // but the map now leads to the one for this pc)
        bus.watchCodePage(ram.base() + ramOffset);   // before reading: later writes are reported
        int max = RegionScanner.MAX_INSTRUCTIONS;
        List<GuestInsn> region = RegionScanner.scan(segment, pc, ramOffset, max);
        TranslatedUnit unit;
        if (region.isEmpty()) {
            unit = new Untranslatable(ramOffset, pc);
        } else {
            unit = defineFitting(region, ramOffset, java.util.Set.of());
            if (unit == null) unit = new Untranslatable(ramOffset, pc);
        }
        units.put(ramOffset, unit);
        additions++;
        byPage.computeIfAbsent(ramOffset >>> 12, k -> new ArrayList<>()).add(unit);
        return unit;
    }

    /** Retranslations of one region for new indirect targets (a guest with ever-new targets stops there). */
    static final int MAX_GENERATION = 4;

    /**
     * Translates the region of {@code old} (which starts at pc) again, with the indirect-jump
     * targets its profile recorded as in-region jalr targets, and puts the new unit in its place
     * (the old one is marked invalid, so dispatchers and chains move to the new one). Returns the
     * unit now in place, or null when old was dropped meanwhile or the new region would cover less
     * code than the old unit (it was cut to fit the size limit; old then stays and stops profiling).
     */
    synchronized TranslatedUnit retranslate(TranslatedUnit old, long pc) {
        if (!old.valid || units.get(old.ramOffset) != old || old.startPc != pc) return null;
        int count = old.indirectSeenCount;
        java.util.Set<Long> targets = new java.util.HashSet<>();
        long furthest = pc;
        for (int k = 0; k < count; k++) {
            long t = pc + old.indirectSeen[k];
            targets.add(t);
            furthest = Math.max(furthest, t);
        }
        List<GuestInsn> region = RegionScanner.scan(segment, pc, old.ramOffset, RegionScanner.MAX_INSTRUCTIONS, furthest);
        TranslatedUnit unit = region.isEmpty() ? null : defineFitting(region, old.ramOffset, targets);
        if (unit == null || unit.instructions < old.instructions) {
            // the larger region did not fit HotSpot's size limit and was cut (losing code the old
            // unit has): keep the old unit and stop profiling it
            old.generation = MAX_GENERATION;
            return null;
        }
        System.arraycopy(old.indirectSeen, 0, unit.indirectSeen, 0, count);
        unit.indirectSeenCount = count;
        unit.indirectBuiltWith = count;
        unit.generation = old.generation + 1;
        old.valid = false;
        units.put(old.ramOffset, unit);
        additions++;
        List<TranslatedUnit> list = byPage.get(old.ramOffset >>> 12);
        list.set(list.indexOf(old), unit);
        retranslations++;
        return unit;
    }

    /**
     * Translates the region at pc (RAM offset ramOffset) now, whatever its hotness: for tools and
     * benchmarks. Returns the number of guest instructions in the unit (0 if none was made).
     */
    public int translateNow(long pc, long ramOffset) {
        return translate(pc, ramOffset).instructions;
    }

    /**
     * Bytecode of a unit's exec at most: HotSpot does not compile methods over 8000 bytes, and
     * smaller methods compile sooner (-Dnexus.jit.maxcode overrides, at most 7900).
     */
    private static final int MAX_CODE_BYTES = Math.min(7900, Integer.getInteger("nexus.jit.maxcode", 5500));

    /** -Dnexus.jit.dump=DIR writes every generated class there (inspect with javap -c). */
    private static final String DUMP_DIR = System.getProperty("nexus.jit.dump");

    /** Defines the unit for a non-empty region, halving it while its exec has too much bytecode; null if none fits. */
    private TranslatedUnit defineFitting(List<GuestInsn> region, long ramOffset, java.util.Set<Long> indirectTargets) {
        TranslatedUnit unit = define(region, ramOffset, indirectTargets);
        while (unit == null && region.size() > 1) {
            region = region.subList(0, region.size() / 2);
            unit = define(region, ramOffset, indirectTargets);
        }
        return unit;
    }

    private TranslatedUnit define(List<GuestInsn> region, long ramOffset, java.util.Set<Long> indirectTargets) {
        long t0 = System.nanoTime();
        try {
            return defineTimed(region, ramOffset, indirectTargets);
        } finally {
            translationNanos += System.nanoTime() - t0;
        }
    }

    private TranslatedUnit defineTimed(List<GuestInsn> region, long ramOffset, java.util.Set<Long> indirectTargets) {
        UnitEmitter.Result r = UnitEmitter.emit(region, indirectTargets);
        if (DUMP_DIR != null) dump(r.classFile(), region.getFirst().pc());
        if (r.codeLength() > MAX_CODE_BYTES) return null;
        GuestInsn last = region.getLast();
        int codeBytes = (int) (last.next() - region.getFirst().pc());
        try {
            // class data = the RAM segment, which the unit's static initializer keeps in a static final
            MethodHandles.Lookup hidden = lookup.defineHiddenClassWithClassData(r.classFile(), segment, true);
            MethodHandle ctor = hidden.findConstructor(hidden.lookupClass(), CONSTRUCTOR);
            TranslatedUnit unit = (TranslatedUnit) ctor.invoke(ramOffset, region.getFirst().pc(), codeBytes, region.size(), r.staticExits());
            translations++;
            bytecodeBytes += r.classFile().length;
            return unit;
        } catch (Throwable e) {
            throw new IllegalStateException("translator produced an invalid class for " + region.getFirst(), e);
        }
    }

    private static void dump(byte[] classFile, long pc) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(DUMP_DIR);
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve("unit_" + Long.toHexString(pc) + ".class"), classFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Bus or DMA listener: [paddr, paddr+length) was written. Drops exactly the units whose code
     * overlaps the written bytes (a marker covers its first instruction); a page with no units
     * left is no longer watched.
     */
    private void written(long paddr, long length) {
        long lo = paddr - ram.base();
        long hi = lo + Math.max(length, 1);
        synchronized (this) {
            boolean dropped = false;
            for (long page = lo >>> 12; page <= (hi - 1) >>> 12; page++) {
                List<TranslatedUnit> list = byPage.get(page);
                if (list == null) continue;
                for (int k = list.size() - 1; k >= 0; k--) {
                    TranslatedUnit u = list.get(k);
                    long end = u.ramOffset + Math.max(u.codeBytes, 4);
                    if (u.ramOffset < hi && lo < end) {
                        u.valid = false;
                        units.remove(u.ramOffset, u);
                        list.remove(k);
                        dropped = true;
                    }
                }
                if (list.isEmpty()) {
                    byPage.remove(page);
                    bus.unwatchCodePage(ram.base() + (page << 12));
                }
            }
            if (dropped) invalidations++;
        }
    }
}
