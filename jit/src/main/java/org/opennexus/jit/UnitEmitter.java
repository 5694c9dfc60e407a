package org.opennexus.jit;

import static net.bytebuddy.jar.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Type;
import org.opennexus.memory.Tlb;

/**
 * Emits the JVM class for one region (ByteBuddy's bundled ASM). The generated
 * {@code exec(Hart h, int budget)}:
 * <ul>
 * <li>loads the guest registers the region uses into long locals, and writes back the ones it
 *     writes at every exit (one shared epilogue);
 * <li>keeps control flow inside the page as JVM jumps, so loops stay in one method; a backward
 *     jump first checks the instruction budget and {@code h.attention} (interrupts, timers, stop);
 * <li>inlines the TLB hit path of loads and stores (tag compare plus one MemorySegment access) and
 *     calls the MMU on a miss;
 * <li>counts retired instructions per block, so instret stays exact;
 * <li>turns a Trap thrown by a slow path into a precise trap: an exception-table range per
 *     memory instruction leads to a stub that records its pc and retired count, then the trap
 *     epilogue writes registers back and rethrows.
 * </ul>
 * CSR reads are translated (a runtime call). F/D loads and stores use the same inline TLB path,
 * double-precision arithmetic calls its {@link TranslatorRuntime} operation directly, and the other
 * F/D instructions go through the interpreter's FP executor. Instructions it does not handle (CSR
 * writes, the other SYSTEM instructions, FENCE.I, A) end the region; the interpreter executes them.
 */
final class UnitEmitter {
    static final int OP_LOAD = 0x00, OP_MISC_MEM = 0x03, OP_IMM = 0x04, OP_AUIPC = 0x05, OP_IMM32 = 0x06,
            OP_STORE = 0x08, OP_OP = 0x0C, OP_LUI = 0x0D, OP_OP32 = 0x0E, OP_BRANCH = 0x18, OP_JALR = 0x19,
            OP_JAL = 0x1B, OP_SYSTEM = 0x1C, OP_LOAD_FP = 0x01, OP_STORE_FP = 0x09, OP_MADD = 0x10,
            OP_MSUB = 0x11, OP_NMSUB = 0x12, OP_NMADD = 0x13, OP_FP = 0x14;

    static boolean isFp(int opcode) {
        return opcode == OP_LOAD_FP || opcode == OP_STORE_FP || (opcode >= OP_MADD && opcode <= OP_FP);
    }

    /** F/D instructions that read x[rs1]: FP loads/stores (address), FCVT.S/D.W/L[U], FMV.W.X, FMV.D.X. */
    static boolean fpReadsX(int w) {
        int op = (w >>> 2) & 31, f5 = w >>> 27;
        return op == OP_LOAD_FP || op == OP_STORE_FP || (op == OP_FP && (f5 == 0x1A || f5 == 0x1E));
    }

    /** F/D instructions that write x[rd]: FEQ/FLT/FLE, FCVT.W/L[U].S/D, FMV.X.W, FMV.X.D, FCLASS. */
    static boolean fpWritesX(int w) {
        int op = (w >>> 2) & 31, f5 = w >>> 27;
        return op == OP_FP && (f5 == 0x14 || f5 == 0x18 || f5 == 0x1C);
    }

    static final String UNIT = "org/opennexus/jit/TranslatedUnit";
    static final String HART = "org/opennexus/jit/Hart";
    static final String MMU = "org/opennexus/memory/Mmu";
    static final String TLB = "org/opennexus/memory/Tlb";
    static final String SEG = "java/lang/foreign/MemorySegment";
    static final String RAM = "org/opennexus/memory/GuestRam";
    static final String OPS = "org/opennexus/jit/TranslatorOps";
    static final String RT = "org/opennexus/jit/TranslatorRuntime";
    static final String TRAP = "org/opennexus/memory/Trap";
    static final String GENERATED_NAME = "org/opennexus/jit/TranslatedCode";

    /**
     * The guest RAM segment lives in a static final field of the unit's hidden class, set in its
     * static initializer from the class data the class was defined with
     * ({@link java.lang.invoke.MethodHandles#classData}). C2 treats a static final as a constant, so
     * it folds the segment's bounds and session checks instead of reloading them per access.
     */
    private static final String RAM_FIELD = "RAM";

    // Local variable slots of exec(Hart, int).
    // (prefixed V_ so no name can shadow a statically imported opcode such as LADD)
    private static final int V_H = 1, V_BUDGET = 2, V_N = 3, V_X = 4,
            V_LOAD_TLB = 8, V_STORE_TLB = 10, V_EXIT_IDX = 12, V_IDX = 13,
            V_EXIT_PC = 14, V_ADDR = 16, V_VAL = 18, V_TRAP_PC = 20, V_REG0 = 22, V_F = V_REG0 + 2 * 31,
            V_HOST = V_F + 1, V_RPAGE = V_HOST + 2, V_RADD = V_HOST + 4;

    private static int reg(int r) { return V_REG0 + 2 * (r - 1); }

    // ------------------------------------------------------------------ what can be translated

    /** True when {@code w} is a legal instruction this emitter translates (mirrors Interpreter's decode). */
    static boolean supports(int w) {
        int f3 = (w >>> 12) & 7, f7 = w >>> 25, f6 = w >>> 26, hi12 = w >>> 20;
        switch ((w >>> 2) & 31) {
            case OP_LOAD: return f3 != 7;
            case OP_MISC_MEM: return f3 == 0;
            case OP_AUIPC, OP_LUI, OP_JAL: return true;
            case OP_JALR: return f3 == 0;
            case OP_STORE: return f3 <= 3;
            case OP_BRANCH: return f3 != 2 && f3 != 3;
            case OP_SYSTEM: return isCsrRead(w);
            case OP_LOAD_FP, OP_STORE_FP, OP_MADD, OP_MSUB, OP_NMSUB, OP_NMADD, OP_FP:
                return true;   // FpExecutor decodes and traps on reserved encodings, as in the interpreter
            case OP_IMM:
                if (f3 == 1) {
                    return f6 == 0x00 || f6 == 0x0A || f6 == 0x12 || f6 == 0x1A
                            || (f6 == 0x18 && (hi12 == 0x600 || hi12 == 0x601 || hi12 == 0x602 || hi12 == 0x604 || hi12 == 0x605));
                }
                if (f3 == 5) {
                    return f6 == 0x00 || f6 == 0x10 || f6 == 0x18 || f6 == 0x12
                            || (f6 == 0x0A && hi12 == 0x287) || (f6 == 0x1A && hi12 == 0x6B8);
                }
                return true;
            case OP_IMM32:
                if (f3 == 0) return true;
                if (f3 == 1) return f7 == 0 || f6 == 0x02 || hi12 == 0x600 || hi12 == 0x601 || hi12 == 0x602;
                if (f3 == 5) return f7 == 0x00 || f7 == 0x20 || f7 == 0x30;
                return false;
            case OP_OP:
                return switch (f7) {
                    case 0x00, 0x01 -> true;
                    case 0x20 -> f3 == 0 || f3 == 5 || f3 == 4 || f3 == 6 || f3 == 7;
                    case 0x10 -> f3 == 2 || f3 == 4 || f3 == 6;
                    case 0x05 -> f3 >= 4;
                    case 0x30 -> f3 == 1 || f3 == 5;
                    case 0x14, 0x34 -> f3 == 1;
                    case 0x24 -> f3 == 1 || f3 == 5;
                    case 0x07 -> f3 == 5 || f3 == 7;
                    default -> false;
                };
            case OP_OP32:
                return switch (f7) {
                    case 0x00 -> f3 == 0 || f3 == 1 || f3 == 5;
                    case 0x20 -> f3 == 0 || f3 == 5;
                    case 0x01 -> f3 == 0 || f3 >= 4;
                    case 0x04 -> f3 == 0 || (f3 == 4 && ((w >>> 20) & 31) == 0);
                    case 0x10 -> f3 == 2 || f3 == 4 || f3 == 6;
                    case 0x30 -> f3 == 1 || f3 == 5;
                    default -> false;
                };
            default:
                return false;
        }
    }

    /**
     * CSRRS/CSRRC/CSRRSI/CSRRCI with rs1 (or uimm) = 0: a CSR read that writes nothing (Zicsr), so
     * it cannot change anything a unit depends on (e.g. rdtime/rdcycle in delay loops).
     */
    static boolean isCsrRead(int w) {
        int f3 = (w >>> 12) & 7;
        return ((w >>> 2) & 31) == OP_SYSTEM && (f3 == 2 || f3 == 3 || f3 == 6 || f3 == 7) && ((w >>> 15) & 31) == 0;
    }

    // ------------------------------------------------------------------ emission state

    private final List<GuestInsn> insns;
    /** Pcs that indirect jumps were seen to reach; those inside the region become jalr targets here. */
    private final Set<Long> indirectTargets;
    /** The in-region indirect targets, sorted (the keys of jalr's lookupswitch, as offsets from the start). */
    private long[] indirectLabels = new long[0];
    private final Map<Long, Label> targets = new HashMap<>();
    private final Set<Integer> readRegs = new HashSet<>();
    private final Set<Integer> writtenRegs = new HashSet<>();
    /** Whether the region has integer loads or stores (which inline the TLB path). */
    private boolean hasMemoryAccess;
    private final List<Runnable> stubs = new ArrayList<>();
    private final Label epilogue = new Label();
    private final Label trapEpilogue = new Label();
    private MethodVisitor mv;
    private int exits;
    /** Instructions executed since n was last brought up to date on the current path. */
    private int pending;
    private boolean reachable;

    private UnitEmitter(List<GuestInsn> insns, Set<Long> indirectTargets) {
        this.insns = insns;
        this.indirectTargets = indirectTargets;
    }

    /**
     * The class file of a unit for the region; staticExits is the constructor argument, codeLength
     * the bytes of bytecode in exec (HotSpot compiles no method over 8000).
     */
    record Result(byte[] classFile, int staticExits, int codeLength) { }

    static Result emit(List<GuestInsn> insns) {
        return emit(insns, Set.of());
    }

    /**
     * A unit whose jalr instructions jump straight to those of {@code indirectTargets} that start an
     * instruction of the region (after the usual budget and attention check) instead of exiting.
     */
    static Result emit(List<GuestInsn> insns, Set<Long> indirectTargets) {
        return new UnitEmitter(insns, indirectTargets).generate();
    }

    private Result generate() {
        analyse();
        indirectLabels();
        planPageReuse();
        computeDirtyBefore();
        // Class file version 49 (Java 5): no StackMapTable, so ASM need not compute frames (a
        // data-flow pass over the whole method, a quarter of the translation time) and the JVM
        // verifies the class by type inference. Nothing here needs a newer version.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V1_5, ACC_FINAL | ACC_SUPER, GENERATED_NAME, null, UNIT, null);
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, RAM_FIELD, "L" + SEG + ";", null, null).visitEnd();
        MethodVisitor clinit = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        clinit.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        clinit.visitLdcInsn("_");
        clinit.visitLdcInsn(Type.getObjectType(SEG));
        clinit.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        clinit.visitTypeInsn(CHECKCAST, SEG);
        clinit.visitFieldInsn(PUTSTATIC, GENERATED_NAME, RAM_FIELD, "L" + SEG + ";");
        clinit.visitInsn(RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(JJIII)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(LLOAD, 1);
        init.visitVarInsn(LLOAD, 3);
        init.visitVarInsn(ILOAD, 5);
        init.visitVarInsn(ILOAD, 6);
        init.visitVarInsn(ILOAD, 7);
        init.visitMethodInsn(INVOKESPECIAL, UNIT, "<init>", "(JJIII)V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "exec", "(L" + HART + ";I)I", null, null);
        mv.visitCode();
        prologue();
        reachable = true;
        for (int k = 0; k < insns.size(); k++) {
            GuestInsn insn = insns.get(k);
            current = k;
            Label l = targets.get(insn.pc());
            if (l != null) {
                if (reachable) flushPending();
                mv.visitLabel(l);
                fsOn = false;
                fsDirty = false;
                reachable = true;
                pending = 0;
            }
            if (!reachable) continue;  // dead code after an unconditional jump
            instruction(insn);
        }
        if (reachable) {
            GuestInsn last = insns.getLast();
            exitTo(last.next(), pending);
        }
        for (int i = 0; i < stubs.size(); i++) stubs.get(i).run();
        epilogues();
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return new Result(cw.toByteArray(), exits, end.getOffset());
    }

    /** Which pcs are jump targets inside the region and which registers are read and written. */
    private void analyse() {
        Set<Long> starts = new HashSet<>();
        for (GuestInsn i : insns) starts.add(i.pc());
        for (GuestInsn i : insns) {
            long t = switch (i.opcode()) {
                case OP_BRANCH -> i.pc() + i.immB();
                case OP_JAL -> i.pc() + i.immJ();
                default -> Long.MIN_VALUE;
            };
            if (t != Long.MIN_VALUE && starts.contains(t)) targets.putIfAbsent(t, new Label());
            int op = i.opcode();
            if (op == OP_JALR) hasJalr = true;
            if (op == OP_LOAD || op == OP_STORE || op == OP_LOAD_FP || op == OP_STORE_FP) hasMemoryAccess = true;
            if (isFp(op)) hasFp = true;
            boolean fp = isFp(op);
            boolean usesRs1 = fp ? fpReadsX(i.word())
                    : op != OP_LUI && op != OP_AUIPC && op != OP_JAL && op != OP_MISC_MEM && op != OP_SYSTEM;
            boolean usesRs2 = op == OP_STORE || op == OP_BRANCH || op == OP_OP || op == OP_OP32;
            if (usesRs1 && i.rs1() != 0) readRegs.add(i.rs1());
            if (usesRs2 && i.rs2() != 0) readRegs.add(i.rs2());
            int w = writtenReg(i);
            if (w != 0) writtenRegs.add(w);
        }
    }

    private boolean hasJalr;

    // ------------------------------------------------------------------ page reuse

    /** Index in insns of the instruction being emitted. */
    private int current;
    /** Per instruction: the earlier access whose page translation this load or store reuses, or -1. */
    private int[] reuseOf;
    /** Per instruction: a later access reuses its translation, so its TLB hit records it (RPAGE, RADD). */
    private boolean[] recordsPage;
    /** Per instruction: a load whose page a later store reuses, so it looks in the store view first. */
    private boolean[] viaStoreView;

    /**
     * Plans which loads and stores reuse the page translation of an earlier access to the same
     * bytes: within straight-line code (no jump target in between; only integer ALU instructions,
     * branches that fall through, loads and stores), an access with the same base register and
     * offset as the last access that did a full TLB lookup, the register unchanged since, and no
     * wider than it (so it lies in the page the earlier one checked). A translation stays valid
     * for the whole unit: what changes mappings or permissions (satp, SFENCE.VMA, mstatus,
     * privilege, PMP) ends a unit, and view entries exist only for RAM pages without translated
     * code. A store-view hit also allows loads (a writable page is readable: W without R is
     * reserved, priv. spec 4.3.1), not the other way round, so a load whose bytes a store then
     * writes looks in the store view first. At run time the reuser compares its page with the
     * recorded one (RPAGE) and falls back to a full lookup; a recorder that missed the TLB leaves
     * RPAGE at -1, which no page number is. The case this is for is a read-modify-write
     * (`ld a2,-40(a4); addi a2,a2,1; sd a2,-40(a4)`): once C2 has pruned the recorder's slow path,
     * the compare folds away and the store needs no lookup at all. (Reusing a page for nearby
     * offsets too was tried: the compare then stays, costs about what the lookup does, and the
     * longer-lived record made the `interp` workload 10% slower.)
     */
    private void planPageReuse() {
        int n = insns.size();
        reuseOf = new int[n];
        recordsPage = new boolean[n];
        viaStoreView = new boolean[n];
        java.util.Arrays.fill(reuseOf, -1);
        int last = -1, lastBase = 0;
        for (int k = 0; k < n; k++) {
            GuestInsn i = insns.get(k);
            if (targets.containsKey(i.pc())) last = -1;
            int op = i.opcode();
            if (op == OP_LOAD || op == OP_STORE) {
                if (last >= 0 && i.rs1() == lastBase && sameBytes(i, insns.get(last))) {
                    reuseOf[k] = last;
                    recordsPage[last] = true;
                    if (op == OP_STORE && insns.get(last).opcode() == OP_LOAD) viaStoreView[last] = true;
                } else {
                    last = k;
                    lastBase = i.rs1();
                }
            } else if (op != OP_IMM && op != OP_IMM32 && op != OP_OP && op != OP_OP32 && op != OP_LUI
                    && op != OP_AUIPC && op != OP_BRANCH) {
                last = -1;
            }
            int w = writtenReg(i);
            if (w != 0 && w == lastBase) last = -1;
        }
    }

    /** Whether access a (same base register as b) reads or writes a part of the bytes b accessed. */
    private static boolean sameBytes(GuestInsn a, GuestInsn b) {
        return offset(a) == offset(b) && (1 << (a.f3() & 3)) <= (1 << (b.f3() & 3));
    }

    private static long offset(GuestInsn i) {
        return i.opcode() == OP_STORE ? i.immS() : i.immI();
    }

    /** RPAGE = -1: no recorded translation (a page number has its top 12 bits clear). */
    private void invalidatePage() {
        pushLong(-1);
        mv.visitVarInsn(LSTORE, V_RPAGE);
    }

    /** After a TLB hit: RPAGE = ADDR >>> 12, RADD = HOST - ADDR (the addend). */
    private void recordPage() {
        pushAddrPage();
        mv.visitVarInsn(LSTORE, V_RPAGE);
        mv.visitVarInsn(LLOAD, V_HOST);
        mv.visitVarInsn(LLOAD, V_ADDR);
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LSTORE, V_RADD);
    }

    /** Pushes ADDR >>> 12, ADDR's page number. */
    private void pushAddrPage() {
        mv.visitVarInsn(LLOAD, V_ADDR);
        pushInt(12);
        mv.visitInsn(LUSHR);
    }

    /** HOST = ADDR + RADD and jump to hit when ADDR is in page RPAGE (the plan ensures the bytes after it are too). */
    private void reusePage(Label hit) {
        Label full = new Label();
        pushAddrPage();
        mv.visitVarInsn(LLOAD, V_RPAGE);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, full);
        mv.visitVarInsn(LLOAD, V_ADDR);
        mv.visitVarInsn(LLOAD, V_RADD);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, V_HOST);
        mv.visitJumpInsn(GOTO, hit);
        mv.visitLabel(full);
    }

    /**
     * The hit path of a load or store: leaves HOST set and falls through on a hit (reusing a
     * recorded page, or through the TLB view), jumps to miss otherwise; records the page when a
     * later access reuses it (a miss then clears the record: the caller emits {@link #missPrefix}).
     */
    private void translateAccess(boolean isLoad, int size, Label miss) {
        int k = current;
        Label hit = new Label();
        if (reuseOf[k] >= 0) reusePage(hit);
        if (isLoad && viaStoreView[k]) {
            Label notWritable = new Label();
            lookup(V_STORE_TLB, size, notWritable);
            recordPage();
            mv.visitJumpInsn(GOTO, hit);
            mv.visitLabel(notWritable);
            invalidatePage();   // readable perhaps, but not known writable: the store does its own lookup
            lookup(V_LOAD_TLB, size, miss);
        } else {
            lookup(isLoad ? V_LOAD_TLB : V_STORE_TLB, size, miss);
            if (recordsPage[k]) recordPage();
        }
        mv.visitLabel(hit);
    }

    /** A full lookup of ADDR in a TLB view: HOST set, falls through on a hit, jumps to miss otherwise. */
    private void lookup(int view, int size, Label miss) {
        tlbIndex();
        hostOffset(view);
        tlbCheck(view, size, miss);
    }

    /** Where a recording access's miss starts: the record is cleared, then the slow path follows. */
    private void missPrefix(Label missStart) {
        mv.visitLabel(missStart);
        if (recordsPage[current]) invalidatePage();
    }
    /** Whether the region has F/D instructions (the prologue then loads h.f). */
    private boolean hasFp;

    /** Gives every in-region indirect target a label (only worth it when the region has a jalr). */
    private void indirectLabels() {
        if (!hasJalr || indirectTargets.isEmpty()) return;
        long start = insns.getFirst().pc();
        List<Long> in = new ArrayList<>();
        for (GuestInsn i : insns) {
            if (indirectTargets.contains(i.pc())) {
                in.add(i.pc() - start);
                targets.putIfAbsent(i.pc(), new Label());
            }
        }
        indirectLabels = in.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private void prologue() {
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, V_N);
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitFieldInsn(GETFIELD, HART, "x", "[J");
        mv.visitVarInsn(ASTORE, V_X);
        if (hasMemoryAccess) {   // the inline TLB path needs the current context's load and store views
            mv.visitVarInsn(ALOAD, V_H);
            mv.visitMethodInsn(INVOKEVIRTUAL, HART, "mmu", "()L" + MMU + ";", false);
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKEVIRTUAL, MMU, "loadEntries", "()[J", false);
            mv.visitVarInsn(ASTORE, V_LOAD_TLB);
            mv.visitMethodInsn(INVOKEVIRTUAL, MMU, "storeEntries", "()[J", false);
            mv.visitVarInsn(ASTORE, V_STORE_TLB);
            invalidatePage();
            mv.visitInsn(LCONST_0);   // RADD is read only after a matching RPAGE, but the verifier
            mv.visitVarInsn(LSTORE, V_RADD);   // wants it assigned on every path
        }
        if (hasFp) {
            mv.visitVarInsn(ALOAD, V_H);
            mv.visitFieldInsn(GETFIELD, HART, "f", "[J");
            mv.visitVarInsn(ASTORE, V_F);
        }
        Set<Integer> used = new HashSet<>(readRegs);
        used.addAll(writtenRegs);
        for (int r : used) {
            mv.visitVarInsn(ALOAD, V_X);
            pushInt(r);
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, reg(r));
        }
    }

    private void epilogues() {
        mv.visitLabel(epilogue);
        writeBack();
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitVarInsn(LLOAD, V_EXIT_PC);
        mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitVarInsn(ILOAD, V_N);
        mv.visitMethodInsn(INVOKESTATIC, RT, "retire", "(L" + HART + ";I)V", false);
        mv.visitVarInsn(ILOAD, V_EXIT_IDX);
        mv.visitInsn(IRETURN);

        mv.visitLabel(trapEpilogue);   // stack: the Trap; registers were stored before the trapping call
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitVarInsn(LLOAD, V_TRAP_PC);
        mv.visitFieldInsn(PUTFIELD, HART, "pc", "J");
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitVarInsn(ILOAD, V_N);
        mv.visitMethodInsn(INVOKESTATIC, RT, "retire", "(L" + HART + ";I)V", false);
        mv.visitInsn(ATHROW);
    }

    private void writeBack() {
        for (int r : writtenRegs) {
            mv.visitVarInsn(ALOAD, V_X);
            pushInt(r);
            mv.visitVarInsn(LLOAD, reg(r));
            mv.visitInsn(LASTORE);
        }
    }

    // ------------------------------------------------------------------ control flow helpers

    private void flushPending() {
        if (pending > 0) mv.visitIincInsn(V_N, pending);
        pending = 0;
    }

    /** Emits a jump to an exit stub: n += executed, pc = target, return exit index. */
    private void exitTo(long targetPc, int executed) {
        int idx = exits++;
        if (executed > 0) mv.visitIincInsn(V_N, executed);
        pushLong(targetPc);
        mv.visitVarInsn(LSTORE, V_EXIT_PC);
        pushInt(idx);
        mv.visitVarInsn(ISTORE, V_EXIT_IDX);
        mv.visitJumpInsn(GOTO, epilogue);
    }

    /** Emits a transfer to targetPc after `executed` more instructions (inside the region when possible). */
    private void jumpTo(long fromPc, long targetPc, int executed) {
        Label l = targets.get(targetPc);
        if (l == null) {
            exitTo(targetPc, executed);
            return;
        }
        if (executed > 0) mv.visitIincInsn(V_N, executed);
        if (targetPc <= fromPc) {   // back-edge: give interrupts, timers and the budget a chance
            Label stay = new Label();
            Label leave = new Label();
            budgetOrAttention(leave);
            mv.visitJumpInsn(GOTO, stay);
            mv.visitLabel(leave);
            exitTo(targetPc, 0);
            mv.visitLabel(stay);
        }
        mv.visitJumpInsn(GOTO, l);
    }

    /** Jumps to leave when the budget is used up or the hart's attention is raised. */
    private void budgetOrAttention(Label leave) {
        mv.visitVarInsn(ILOAD, V_N);
        mv.visitVarInsn(ILOAD, V_BUDGET);
        mv.visitJumpInsn(IF_ICMPGE, leave);
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitFieldInsn(GETFIELD, HART, "attention", "Z");
        mv.visitJumpInsn(IFNE, leave);
    }

    // ------------------------------------------------------------------ instructions

    private void instruction(GuestInsn i) {
        switch (i.opcode()) {
            case OP_LUI -> { pushLong(i.word() & 0xfffff000); store(i.rd()); }
            case OP_AUIPC -> { pushLong(i.pc() + (long) (i.word() & 0xfffff000)); store(i.rd()); }
            case OP_IMM -> opImm(i);
            case OP_IMM32 -> opImm32(i);
            case OP_OP -> op(i);
            case OP_OP32 -> op32(i);
            case OP_LOAD -> load(i);
            case OP_STORE -> storeInsn(i);
            case OP_MISC_MEM -> { }   // FENCE: each hart is sequentially consistent here
            case OP_SYSTEM -> csrRead(i);
            case OP_LOAD_FP, OP_STORE_FP, OP_MADD, OP_MSUB, OP_NMSUB, OP_NMADD, OP_FP -> fp(i);
            case OP_BRANCH -> { branch(i); return; }
            case OP_JAL -> { jal(i); return; }
            case OP_JALR -> { jalr(i); return; }
            default -> throw new IllegalStateException("unsupported opcode in region: " + i);
        }
        pending++;
    }

    private void store(int rd) {
        if (rd == 0) mv.visitInsn(POP2);
        else mv.visitVarInsn(LSTORE, reg(rd));
    }

    private void push(int r) {
        if (r == 0) mv.visitInsn(LCONST_0);
        else mv.visitVarInsn(LLOAD, reg(r));
    }

    private void pushLong(long v) {
        if (v == 0) mv.visitInsn(LCONST_0);
        else if (v == 1) mv.visitInsn(LCONST_1);
        else mv.visitLdcInsn(v);
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    private void call(String name) {
        mv.visitMethodInsn(INVOKESTATIC, OPS, name, "(JJ)J", false);
    }

    /** Unsigned compare of the two longs on the stack, leaving lcmp's -1/0/1 as if signed. */
    private void ucmp() {
        // (a ^ MIN) <=> (b ^ MIN): stack a, b -> flip b, swap-free via locals
        mv.visitVarInsn(LSTORE, V_VAL);
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
        mv.visitVarInsn(LLOAD, V_VAL);
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
        mv.visitInsn(LCMP);
    }

    /** Leaves (cmp < 0) as a long 0/1, for an int -1/0/1 on the stack. */
    private void lessThanFromCmp() {
        pushInt(31);
        mv.visitInsn(IUSHR);
        mv.visitInsn(I2L);
    }

    private void opImm(GuestInsn i) {
        int rd = i.rd(), rs1 = i.rs1(), f6 = i.word() >>> 26, hi12 = i.word() >>> 20;
        long imm = i.immI();
        int sh = (int) imm & 63;
        push(rs1);
        switch (i.f3()) {
            case 0 -> { pushLong(imm); mv.visitInsn(LADD); }
            case 2 -> { pushLong(imm); mv.visitInsn(LCMP); lessThanFromCmp(); }
            case 3 -> { pushLong(imm); ucmp(); lessThanFromCmp(); }
            case 4 -> { pushLong(imm); mv.visitInsn(LXOR); }
            case 6 -> { pushLong(imm); mv.visitInsn(LOR); }
            case 7 -> { pushLong(imm); mv.visitInsn(LAND); }
            case 1 -> {
                switch (f6) {
                    case 0x00 -> { pushInt(sh); mv.visitInsn(LSHL); }
                    case 0x0A -> { pushLong(1L << sh); mv.visitInsn(LOR); }
                    case 0x12 -> { pushLong(~(1L << sh)); mv.visitInsn(LAND); }
                    case 0x1A -> { pushLong(1L << sh); mv.visitInsn(LXOR); }
                    default -> {
                        switch (hi12) {
                            case 0x600 -> { mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfLeadingZeros", "(J)I", false); mv.visitInsn(I2L); }
                            case 0x601 -> { mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfTrailingZeros", "(J)I", false); mv.visitInsn(I2L); }
                            case 0x602 -> { mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "bitCount", "(J)I", false); mv.visitInsn(I2L); }
                            case 0x604 -> { mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); }
                            default -> { mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); }   // 0x605 SEXT.H
                        }
                    }
                }
            }
            default -> {   // 5
                switch (f6) {
                    case 0x00 -> { pushInt(sh); mv.visitInsn(LUSHR); }
                    case 0x10 -> { pushInt(sh); mv.visitInsn(LSHR); }
                    case 0x18 -> { pushInt(sh); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateRight", "(JI)J", false); }
                    case 0x12 -> { pushInt(sh); mv.visitInsn(LUSHR); pushLong(1); mv.visitInsn(LAND); }
                    case 0x0A -> mv.visitMethodInsn(INVOKESTATIC, OPS, "orcB", "(J)J", false);
                    default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);  // REV8
                }
            }
        }
        store(rd);
    }

    private void opImm32(GuestInsn i) {
        int rd = i.rd(), f7 = i.f7(), hi12 = i.word() >>> 20;
        int sh = hi12 & 31;
        push(i.rs1());
        switch (i.f3()) {
            case 0 -> { mv.visitInsn(L2I); pushInt((int) i.immI()); mv.visitInsn(IADD); mv.visitInsn(I2L); }
            case 1 -> {
                if (f7 == 0) { mv.visitInsn(L2I); pushInt(sh); mv.visitInsn(ISHL); mv.visitInsn(I2L); }
                else if ((i.word() >>> 26) == 0x02) {   // SLLI.UW
                    pushLong(0xffff_ffffL); mv.visitInsn(LAND); pushInt(hi12 & 63); mv.visitInsn(LSHL);
                } else {
                    mv.visitInsn(L2I);
                    String m = hi12 == 0x600 ? "numberOfLeadingZeros" : hi12 == 0x601 ? "numberOfTrailingZeros" : "bitCount";
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", m, "(I)I", false);
                    mv.visitInsn(I2L);
                }
            }
            default -> {   // 5
                mv.visitInsn(L2I);
                pushInt(sh);
                switch (f7) {
                    case 0x00 -> mv.visitInsn(IUSHR);
                    case 0x20 -> mv.visitInsn(ISHR);
                    default -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateRight", "(II)I", false);
                }
                mv.visitInsn(I2L);
            }
        }
        store(rd);
    }

    private void op(GuestInsn i) {
        int f3 = i.f3();
        push(i.rs1());
        push(i.rs2());
        switch (i.f7()) {
            case 0x00 -> {
                switch (f3) {
                    case 0 -> mv.visitInsn(LADD);
                    case 1 -> { mv.visitInsn(L2I); mv.visitInsn(LSHL); }
                    case 2 -> { mv.visitInsn(LCMP); lessThanFromCmp(); }
                    case 3 -> { ucmp(); lessThanFromCmp(); }
                    case 4 -> mv.visitInsn(LXOR);
                    case 5 -> { mv.visitInsn(L2I); mv.visitInsn(LUSHR); }
                    case 6 -> mv.visitInsn(LOR);
                    default -> mv.visitInsn(LAND);
                }
            }
            case 0x20 -> {
                switch (f3) {
                    case 0 -> mv.visitInsn(LSUB);
                    case 5 -> { mv.visitInsn(L2I); mv.visitInsn(LSHR); }
                    case 4 -> { mv.visitInsn(LXOR); pushLong(-1); mv.visitInsn(LXOR); }              // XNOR
                    case 6 -> { pushLong(-1); mv.visitInsn(LXOR); mv.visitInsn(LOR); }               // ORN
                    default -> { pushLong(-1); mv.visitInsn(LXOR); mv.visitInsn(LAND); }             // ANDN
                }
            }
            case 0x01 -> {
                switch (f3) {
                    case 0 -> mv.visitInsn(LMUL);
                    case 1 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "multiplyHigh", "(JJ)J", false);
                    case 2 -> call("mulhsu");
                    case 3 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "unsignedMultiplyHigh", "(JJ)J", false);
                    case 4 -> call("div");
                    case 5 -> call("divu");
                    case 6 -> call("rem");
                    default -> call("remu");
                }
            }
            case 0x10 -> {   // SHxADD: (a << k) + b
                mv.visitVarInsn(LSTORE, V_VAL);
                pushInt(f3 >> 1);
                mv.visitInsn(LSHL);
                mv.visitVarInsn(LLOAD, V_VAL);
                mv.visitInsn(LADD);
            }
            case 0x05 -> {
                switch (f3) {
                    case 4 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "min", "(JJ)J", false);
                    case 5 -> call("minu");
                    case 6 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
                    default -> call("maxu");
                }
            }
            case 0x30 -> {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", f3 == 1 ? "rotateLeft" : "rotateRight", "(JI)J", false);
            }
            case 0x14 -> { bit(); mv.visitInsn(LOR); }                                      // BSET
            case 0x24 -> {
                if (f3 == 1) { bit(); pushLong(-1); mv.visitInsn(LXOR); mv.visitInsn(LAND); }  // BCLR
                else { mv.visitInsn(L2I); mv.visitInsn(LUSHR); pushLong(1); mv.visitInsn(LAND); } // BEXT
            }
            case 0x34 -> { bit(); mv.visitInsn(LXOR); }                                     // BINV
            default -> call(f3 == 5 ? "czeroEqz" : "czeroNez");                            // 0x07
        }
        store(i.rd());
    }

    /** Replaces b on the stack by 1L << (b & 63). */
    private void bit() {
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, V_IDX);
        pushLong(1);
        mv.visitVarInsn(ILOAD, V_IDX);
        mv.visitInsn(LSHL);
    }

    private void op32(GuestInsn i) {
        int f3 = i.f3();
        switch (i.f7()) {
            case 0x00, 0x20 -> {
                push(i.rs1()); mv.visitInsn(L2I);
                push(i.rs2()); mv.visitInsn(L2I);
                if (i.f7() == 0) {
                    mv.visitInsn(f3 == 0 ? IADD : f3 == 1 ? ISHL : IUSHR);
                } else {
                    mv.visitInsn(f3 == 0 ? ISUB : ISHR);
                }
                mv.visitInsn(I2L);
            }
            case 0x01 -> {
                push(i.rs1());
                push(i.rs2());
                switch (f3) {
                    case 0 -> { mv.visitInsn(L2I); mv.visitVarInsn(ISTORE, V_IDX); mv.visitInsn(L2I);
                                mv.visitVarInsn(ILOAD, V_IDX); mv.visitInsn(IMUL); mv.visitInsn(I2L); }
                    case 4 -> call("divw");
                    case 5 -> call("divuw");
                    case 6 -> call("remw");
                    default -> call("remuw");
                }
            }
            case 0x04 -> {
                push(i.rs1());
                if (f3 == 0) { pushLong(0xffff_ffffL); mv.visitInsn(LAND); push(i.rs2()); mv.visitInsn(LADD); }  // ADD.UW
                else { pushLong(0xffff); mv.visitInsn(LAND); }                                                  // ZEXT.H
            }
            case 0x10 -> {   // SHxADD.UW
                push(i.rs1());
                pushLong(0xffff_ffffL); mv.visitInsn(LAND);
                pushInt(f3 >> 1); mv.visitInsn(LSHL);
                push(i.rs2());
                mv.visitInsn(LADD);
            }
            default -> {     // 0x30 ROLW / RORW
                push(i.rs1()); mv.visitInsn(L2I);
                push(i.rs2()); mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", f3 == 1 ? "rotateLeft" : "rotateRight", "(II)I", false);
                mv.visitInsn(I2L);
            }
        }
        store(i.rd());
    }

    // ------------------------------------------------------------------ memory

    /**
     * Leaves the index of ADDR's tag in the view (2 * set; the addend follows it) in IDX, masked
     * with a constant (a view is 2 * {@link Tlb#SETS} long): C2 reads tag and addend at fixed
     * displacements from one index. It keeps the arrays' range checks (the view's length is not a
     * constant to it), but they sit beside the address arithmetic, not on it as masks would.
     */
    private void tlbIndex() {
        mv.visitVarInsn(LLOAD, V_ADDR);
        pushInt(11);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        pushInt(2 * Tlb.SETS - 2);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, V_IDX);
    }

    /** Jumps to miss unless tags[IDX] == (ADDR + size - 1) >>> 12. */
    private void tlbCheck(int tagsLocal, int size, Label miss) {
        mv.visitVarInsn(ALOAD, tagsLocal);
        mv.visitVarInsn(ILOAD, V_IDX);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LLOAD, V_ADDR);
        if (size > 1) {
            pushLong(size - 1);
            mv.visitInsn(LADD);
        }
        pushInt(12);
        mv.visitInsn(LUSHR);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, miss);
    }

    private static final String[] LAYOUT = {"BYTE", "SHORT", null, "INT", null, null, null, "LONG"};
    private static final String[] LAYOUT_TYPE = {"Ljava/lang/foreign/ValueLayout$OfByte;",
            "Ljava/lang/foreign/ValueLayout$OfShort;", null, "Ljava/lang/foreign/ValueLayout$OfInt;", null, null, null,
            "Ljava/lang/foreign/ValueLayout$OfLong;"};
    private static final String[] PRIM = {"B", "S", null, "I", null, null, null, "J"};

    /** HOST = ADDR + view[IDX + 1] (the addend), read before the tag is compared (see {@link #tlbIndex}). */
    private void hostOffset(int viewLocal) {
        mv.visitVarInsn(ALOAD, viewLocal);
        mv.visitVarInsn(ILOAD, V_IDX);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LLOAD, V_ADDR);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, V_HOST);
    }

    /** Pushes segment, layout, HOST for a MemorySegment get/set. */
    private void pushSegmentAccess(int size) {
        mv.visitFieldInsn(GETSTATIC, GENERATED_NAME, RAM_FIELD, "L" + SEG + ";");
        mv.visitFieldInsn(GETSTATIC, RAM, LAYOUT[size - 1], LAYOUT_TYPE[size - 1]);
        mv.visitVarInsn(LLOAD, V_HOST);
    }

    /** Pushes n + pending: instructions retired in this unit so far, before the current one. */
    private void pushInFlight() {
        mv.visitVarInsn(ILOAD, V_N);
        if (pending > 0) {
            pushInt(pending);
            mv.visitInsn(IADD);
        }
    }

    /**
     * Registers an exception-table range [start, end) whose Trap becomes a precise trap at pc, and
     * first stores the registers the unit may have modified so far to h.x ({@link #dirtyBefore}):
     * the call that may trap then sees (and a trap leaves) the exact guest state, and the handler
     * needs no guest locals. Only slow paths and runtime calls get a range, so the copy costs
     * nothing on the hot path; keeping guest locals dead at handlers keeps the method small for
     * HotSpot's compilers (C1 gives up on methods with too many virtual registers, which left
     * large units in the bytecode interpreter until C2 came).
     */
    private void trapRange(Label start, Label end, long pc, int executedBefore) {
        for (int dirty = dirtyBefore.get(pc); dirty != 0; dirty &= dirty - 1) {
            int r = Integer.numberOfTrailingZeros(dirty);
            mv.visitVarInsn(ALOAD, V_X);
            pushInt(r);
            mv.visitVarInsn(LLOAD, reg(r));
            mv.visitInsn(LASTORE);
        }
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, TRAP);
        stubs.add(() -> {
            mv.visitLabel(handler);   // stack: the Trap
            if (executedBefore > 0) mv.visitIincInsn(V_N, executedBefore);
            pushLong(pc);
            mv.visitVarInsn(LSTORE, V_TRAP_PC);
            mv.visitJumpInsn(GOTO, trapEpilogue);
        });
    }

    /**
     * For each instruction, the registers (bit r for x[r]) the unit may have written before it
     * executes: those written by instructions earlier in the region, plus, for an instruction inside
     * a loop (a backward jump from j to t <= it <= j, including in-region jalr targets), those
     * written anywhere in [t, j]. Registers not in the set still hold in h.x what the prologue
     * loaded.
     */
    private final Map<Long, Integer> dirtyBefore = new HashMap<>();

    private void computeDirtyBefore() {
        int n = insns.size();
        Map<Long, Integer> index = new HashMap<>();
        for (int k = 0; k < n; k++) index.put(insns.get(k).pc(), k);
        int[] loopEnd = new int[n];   // furthest j of a backward jump covering k, or -1
        java.util.Arrays.fill(loopEnd, -1);
        long start = insns.getFirst().pc();
        for (int j = 0; j < n; j++) {
            GuestInsn i = insns.get(j);
            List<Long> tgts = new ArrayList<>();
            if (i.opcode() == OP_BRANCH) tgts.add(i.pc() + i.immB());
            if (i.opcode() == OP_JAL) tgts.add(i.pc() + i.immJ());
            if (i.opcode() == OP_JALR) for (long d : indirectLabels) tgts.add(start + d);
            for (long t : tgts) {
                Integer ti = index.get(t);
                if (ti == null || ti > j) continue;
                for (int k = ti; k <= j; k++) loopEnd[k] = Math.max(loopEnd[k], j);
            }
        }
        int[] written = new int[n];   // bit r: x[r] written by instruction k
        for (int k = 0; k < n; k++) written[k] = 1 << writtenReg(insns.get(k)) & ~1;
        int before = 0;
        for (int k = 0; k < n; k++) {
            int set = before;
            for (int j = k; j <= loopEnd[k]; j++) set |= written[j];
            dirtyBefore.put(insns.get(k).pc(), set);
            before |= written[k];
        }
    }

    /** The x register an instruction writes (0 if none). */
    private static int writtenReg(GuestInsn i) {
        int op = i.opcode();
        boolean writesRd = isFp(op) ? fpWritesX(i.word()) : op != OP_STORE && op != OP_BRANCH && op != OP_MISC_MEM;
        return writesRd ? i.rd() : 0;
    }

    /** The miss path of an access: a precise-trap range around {@link #slowAccess}. */
    private void slowPath(Label miss, GuestInsn i, boolean isLoad, int size) {
        Label start = new Label(), end = new Label();
        mv.visitLabel(miss);
        trapRange(start, end, i.pc(), pending);
        mv.visitLabel(start);
        slowAccess(isLoad, size);
        mv.visitLabel(end);
    }

    /** Calls the MMU for an access that missed the inline TLB path (ADDR, and VAL for a store). */
    private void slowAccess(boolean isLoad, int size) {
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitVarInsn(LLOAD, V_ADDR);
        pushInt(size);
        if (isLoad) {
            pushInFlight();
            mv.visitMethodInsn(INVOKESTATIC, RT, "loadSlow", "(L" + HART + ";JII)J", false);
        } else {
            mv.visitVarInsn(LLOAD, V_VAL);
            pushInFlight();
            mv.visitMethodInsn(INVOKESTATIC, RT, "storeSlow", "(L" + HART + ";JIJI)Z", false);
        }
    }

    private void segmentGet(int size) {
        mv.visitMethodInsn(INVOKEINTERFACE, SEG, "get", "(" + LAYOUT_TYPE[size - 1] + "J)" + PRIM[size - 1], true);
    }

    private void segmentSet(int size) {
        mv.visitMethodInsn(INVOKEINTERFACE, SEG, "set", "(" + LAYOUT_TYPE[size - 1] + "J" + PRIM[size - 1] + ")V", true);
    }

    private void load(GuestInsn i) {
        int f3 = i.f3();
        int size = 1 << (f3 & 3);
        boolean unsigned = f3 >= 4;
        push(i.rs1());
        pushLong(i.immI());
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, V_ADDR);
        Label missStart = new Label(), miss = new Label(), done = new Label();
        translateAccess(true, size, missStart);
        pushSegmentAccess(size);
        segmentGet(size);
        if (size == 8) {
            // already a long
        } else {
            mv.visitInsn(I2L);
            if (unsigned) {
                pushLong(size == 1 ? 0xffL : size == 2 ? 0xffffL : 0xffff_ffffL);
                mv.visitInsn(LAND);
            }
        }
        mv.visitJumpInsn(GOTO, done);
        missPrefix(missStart);
        slowPath(miss, i, true, size);
        if (!unsigned && size < 8) {   // mmu.load zero-extends
            mv.visitInsn(L2I);
            if (size == 1) mv.visitInsn(I2B);
            if (size == 2) mv.visitInsn(I2S);
            mv.visitInsn(I2L);
        }
        // A device read may raise the hart's attention (e.g. a UART read lowering its interrupt):
        // like the interpreter, leave after this instruction so it is serviced first.
        store(i.rd());
        Label leave = new Label(), after = new Label();
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitFieldInsn(GETFIELD, HART, "attention", "Z");
        mv.visitJumpInsn(IFNE, leave);
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(done);
        store(i.rd());
        mv.visitLabel(after);
        final long next = i.next();
        final int executed = pending + 1;
        stubs.add(() -> {
            mv.visitLabel(leave);
            exitTo(next, executed);
        });
    }

    private void storeInsn(GuestInsn i) {
        int size = 1 << i.f3();
        push(i.rs2());
        mv.visitVarInsn(LSTORE, V_VAL);
        push(i.rs1());
        pushLong(i.immS());
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, V_ADDR);
        Label missStart = new Label(), miss = new Label(), done = new Label();
        translateAccess(false, size, missStart);
        pushSegmentAccess(size);
        mv.visitVarInsn(LLOAD, V_VAL);
        if (size < 8) {
            mv.visitInsn(L2I);
            if (size == 1) mv.visitInsn(I2B);
            if (size == 2) mv.visitInsn(I2S);
        }
        segmentSet(size);
        mv.visitJumpInsn(GOTO, done);
        missPrefix(missStart);
        slowPath(miss, i, false, size);
        // true: the store hit translated code (maybe this unit) or raised the hart's attention: leave
        mv.visitJumpInsn(IFEQ, done);
        final long next = i.next();
        final int executed = pending + 1;
        Label leave = new Label();
        mv.visitJumpInsn(GOTO, leave);
        stubs.add(() -> {
            mv.visitLabel(leave);
            exitTo(next, executed);
        });
        mv.visitLabel(done);
    }

    private void csrRead(GuestInsn i) {
        Label start = new Label(), end = new Label();
        trapRange(start, end, i.pc(), pending);
        mv.visitLabel(start);
        mv.visitVarInsn(ALOAD, V_H);
        pushInt(i.word());
        pushInFlight();
        mv.visitMethodInsn(INVOKESTATIC, RT, "csrRead", "(L" + HART + ";II)J", false);
        mv.visitLabel(end);
        store(i.rd());
    }

    /**
     * An F/D instruction through {@link TranslatorRuntime#fp}: the FP executor works on h.x and
     * h.f, so an integer source written earlier in this unit is stored to h.x first, and an integer
     * destination is reloaded from h.x after.
     */
    private void fp(GuestInsn i) {
        int w = i.word(), op = i.opcode(), f3 = i.f3(), f7 = i.f7();
        boolean staticRm = f3 != 5 && f3 != 6;   // 5, 6: reserved rounding modes, handled generically
        markDirty = !fsDirty;
        if ((op == OP_LOAD_FP || op == OP_STORE_FP) && (f3 == 2 || f3 == 3)) {
            fpMemory(i);
            if (op == OP_LOAD_FP) fsDirty = true;
        } else if (op == OP_FP && (f7 == 0x01 || f7 == 0x05 || f7 == 0x09 || f7 == 0x0D) && staticRm) {
            fpArithmeticD(i, switch (f7) { case 0x01 -> "addD"; case 0x05 -> "subD"; case 0x09 -> "mulD"; default -> "divD"; });
            fsDirty = true;
        } else if (op >= OP_MADD && op <= OP_NMADD && ((w >>> 25) & 3) == 1 && staticRm) {
            fpArithmeticD(i, switch (op) { case OP_MADD -> "fmaddD"; case OP_MSUB -> "fmsubD"; case OP_NMSUB -> "fnmsubD"; default -> "fnmaddD"; });
            fsDirty = true;
        } else {
            fpGeneric(i);
            fsOn = true;        // it ran, so FS is not Off (or it trapped and left the unit)
            fsDirty = false;    // whether it wrote F state is the executor's business
        }
    }

    /**
     * What is known about mstatus.FS on the path being emitted: not Off (an earlier F/D
     * instruction in this straight-line code passed the check) and Dirty (one wrote F state).
     * Nothing inside a unit changes FS otherwise (CSR writes are not translated, traps leave), so
     * the check and the dirty mark are done once per straight-line stretch, not per instruction;
     * both are forgotten at every jump target.
     */
    private boolean fsOn, fsDirty;
    /** Whether the F/D instruction being emitted must mark FS Dirty when it writes an f register. */
    private boolean markDirty = true;

    /**
     * mstatus.FS = Off makes every F/D instruction illegal (priv 3.1.6.6): jump to a stub that runs
     * the generic path, which raises the precise trap. Leaves the after-label for the stub to return to.
     */
    private void fsCheck(GuestInsn i, Label after) {
        if (fsOn) return;
        fsOn = true;   // for what follows on this path: the stub handles FS Off (it traps)
        Label off = new Label();
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitFieldInsn(GETFIELD, HART, "csr", "Lorg/opennexus/jit/CsrFile;");
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/opennexus/jit/CsrFile", "fsOff", "()Z", false);
        mv.visitJumpInsn(IFNE, off);
        genericStub(i, off, after);
    }

    /** A stub at entry that runs i through the generic F/D path (which traps) and rejoins at after. */
    private void genericStub(GuestInsn i, Label entry, Label after) {
        final int saved = pending;
        stubs.add(() -> {
            mv.visitLabel(entry);
            int p = pending;
            pending = saved;
            fpGeneric(i);
            pending = p;
            mv.visitJumpInsn(GOTO, after);
        });
    }

    /** Writes the long on the stack to f[rd] and marks FS dirty. */
    private void writeF(int rd) {
        mv.visitVarInsn(LSTORE, V_VAL);
        mv.visitVarInsn(ALOAD, V_F);
        pushInt(rd);
        mv.visitVarInsn(LLOAD, V_VAL);
        mv.visitInsn(LASTORE);
        if (!markDirty) return;
        mv.visitVarInsn(ALOAD, V_H);
        mv.visitFieldInsn(GETFIELD, HART, "csr", "Lorg/opennexus/jit/CsrFile;");
        mv.visitMethodInsn(INVOKEVIRTUAL, "org/opennexus/jit/CsrFile", "markFsDirty", "()V", false);
    }

    private void pushF(int r) {
        mv.visitVarInsn(ALOAD, V_F);
        pushInt(r);
        mv.visitInsn(LALOAD);
    }

    /**
     * FADD/FSUB/FMUL/FDIV.D and the fused .D ops: a direct call per operation. The call cannot trap:
     * FS=Off and a reserved rounding mode (rm 5 or 6, or DYN with frm > 4) are checked here first and
     * go to the generic path, which raises the precise illegal-instruction trap.
     */
    private void fpArithmeticD(GuestInsn i, String method) {
        int rm = i.f3();   // not 5 or 6: fp() sends the reserved modes to fpGeneric
        Label after = new Label();
        fsCheck(i, after);
        if (rm == 7) {
            Label reserved = new Label();
            mv.visitVarInsn(ALOAD, V_H);
            mv.visitFieldInsn(GETFIELD, HART, "csr", "Lorg/opennexus/jit/CsrFile;");
            mv.visitFieldInsn(GETFIELD, "org/opennexus/jit/CsrFile", "frm", "I");
            pushInt(4);
            mv.visitJumpInsn(IF_ICMPGT, reserved);
            genericStub(i, reserved, after);
        }
        boolean fused = i.opcode() != OP_FP;
        mv.visitVarInsn(ALOAD, V_H);
        pushF(i.rs1());
        pushF(i.rs2());
        if (fused) pushF(i.word() >>> 27);
        pushInt(rm);
        pushInt(i.raw());
        mv.visitMethodInsn(INVOKESTATIC, RT, method, "(L" + HART + ";JJ" + (fused ? "J" : "") + "II)J", false);
        writeF(i.rd());
        mv.visitLabel(after);
    }

    /** FLW/FLD/FSW/FSD with the inline TLB path of integer loads and stores. */
    private void fpMemory(GuestInsn i) {
        Label after = new Label();
        fsCheck(i, after);
        boolean isLoad = i.opcode() == OP_LOAD_FP;
        int size = i.f3() == 2 ? 4 : 8;
        if (!isLoad) {
            pushF(i.rs2());
            mv.visitVarInsn(LSTORE, V_VAL);
        }
        push(i.rs1());
        pushLong(isLoad ? i.immI() : i.immS());
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, V_ADDR);
        Label miss = new Label();
        lookup(isLoad ? V_LOAD_TLB : V_STORE_TLB, size, miss);
        pushSegmentAccess(size);
        if (isLoad) {
            segmentGet(size);
            if (size == 4) {   // NaN-box the single (unprivileged spec 12.2)
                mv.visitInsn(I2L);
                pushLong(0xffff_ffffL);
                mv.visitInsn(LAND);
                pushLong(0xffff_ffff_0000_0000L);
                mv.visitInsn(LOR);
            }
            writeF(i.rd());
        } else {
            mv.visitVarInsn(LLOAD, V_VAL);
            if (size == 4) mv.visitInsn(L2I);
            segmentSet(size);
        }
        mv.visitJumpInsn(GOTO, after);
        slowPath(miss, i, isLoad, size);
        if (isLoad) {
            if (size == 4) {
                pushLong(0xffff_ffff_0000_0000L);
                mv.visitInsn(LOR);
            }
            writeF(i.rd());
            mv.visitVarInsn(ALOAD, V_H);
            mv.visitFieldInsn(GETFIELD, HART, "attention", "Z");   // a device read may want service
        }
        // store: true = translated code was modified or attention raised; load: attention
        Label leave = new Label();
        mv.visitJumpInsn(IFNE, leave);
        final long next = i.next();
        final int executed = pending + 1;
        stubs.add(() -> {
            mv.visitLabel(leave);
            exitTo(next, executed);
        });
        mv.visitLabel(after);
    }

    private void fpGeneric(GuestInsn i) {
        int w = i.word();
        Label start = new Label(), end = new Label();
        trapRange(start, end, i.pc(), pending);
        mv.visitLabel(start);
        mv.visitVarInsn(ALOAD, V_H);
        pushInt(w);
        pushInt(i.raw());
        pushInFlight();
        mv.visitMethodInsn(INVOKESTATIC, RT, "fp", "(L" + HART + ";III)Z", false);
        mv.visitLabel(end);
        mv.visitVarInsn(ISTORE, V_IDX);
        if (fpWritesX(w) && i.rd() != 0) {   // reload first: the exit below writes the locals back
            mv.visitVarInsn(ALOAD, V_X);
            pushInt(i.rd());
            mv.visitInsn(LALOAD);
            mv.visitVarInsn(LSTORE, reg(i.rd()));
        }
        Label leave = new Label();
        mv.visitVarInsn(ILOAD, V_IDX);
        mv.visitJumpInsn(IFNE, leave);   // translated code was modified (an FP store, or DMA meanwhile)
        final long next = i.next();
        final int executed = pending + 1;
        stubs.add(() -> {
            mv.visitLabel(leave);
            exitTo(next, executed);
        });
    }

    // ------------------------------------------------------------------ branches

    private void branch(GuestInsn i) {
        push(i.rs1());
        push(i.rs2());
        int f3 = i.f3();
        if (f3 >= 6) ucmp(); else mv.visitInsn(LCMP);
        int jump = switch (f3) {
            case 0 -> IFEQ;
            case 1 -> IFNE;
            case 4, 6 -> IFLT;
            default -> IFGE;   // 5, 7
        };
        Label taken = new Label();
        mv.visitJumpInsn(jump, taken);
        final long target = i.pc() + i.immB();
        final int executed = pending + 1;
        final long from = i.pc();
        stubs.add(() -> {
            mv.visitLabel(taken);
            jumpTo(from, target, executed);
        });
        pending++;
    }

    private void jal(GuestInsn i) {
        if (i.rd() != 0) {
            pushLong(i.next());
            mv.visitVarInsn(LSTORE, reg(i.rd()));
        }
        jumpTo(i.pc(), i.pc() + i.immJ(), pending + 1);
        pending = 0;
        reachable = false;
    }

    private void jalr(GuestInsn i) {
        push(i.rs1());
        pushLong(i.immI());
        mv.visitInsn(LADD);
        pushLong(~1L);
        mv.visitInsn(LAND);
        mv.visitVarInsn(LSTORE, V_EXIT_PC);   // target first: rd may be rs1
        if (i.rd() != 0) {
            pushLong(i.next());
            mv.visitVarInsn(LSTORE, reg(i.rd()));
        }
        mv.visitIincInsn(V_N, pending + 1);
        if (indirectLabels.length > 0) inRegionDispatch();
        pushInt(TranslatedUnit.DYNAMIC_EXIT);
        mv.visitVarInsn(ISTORE, V_EXIT_IDX);
        mv.visitJumpInsn(GOTO, epilogue);
        pending = 0;
        reachable = false;
    }

    /**
     * jalr to a known in-region target (V_EXIT_PC) stays in the unit: a lookupswitch on the offset
     * from the region's start, after the budget and attention check every backward jump makes. Any
     * other target falls through to the dynamic exit.
     */
    private void inRegionDispatch() {
        Label dynamic = new Label();
        long start = insns.getFirst().pc();
        mv.visitVarInsn(LLOAD, V_EXIT_PC);
        pushLong(start);
        mv.visitInsn(LSUB);
        mv.visitVarInsn(LSTORE, V_ADDR);
        mv.visitVarInsn(LLOAD, V_ADDR);
        pushInt(12);
        mv.visitInsn(LUSHR);
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, dynamic);   // not within 4 KiB after the start (also: below it)
        budgetOrAttention(dynamic);
        int[] keys = new int[indirectLabels.length];
        Label[] labels = new Label[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = (int) indirectLabels[k];
            labels[k] = targets.get(start + indirectLabels[k]);
        }
        mv.visitVarInsn(LLOAD, V_ADDR);
        mv.visitInsn(L2I);
        mv.visitLookupSwitchInsn(dynamic, keys, labels);
        mv.visitLabel(dynamic);
    }
}
