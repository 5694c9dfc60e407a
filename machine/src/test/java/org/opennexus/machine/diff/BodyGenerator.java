package org.opennexus.machine.diff;

/** Emits the random body of one sequence (the register/memory set-up and the signature are shared). */
interface BodyGenerator {
    void emit(SequenceWriter w);
}
