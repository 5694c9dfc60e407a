package org.opennexus.machine;

/** Execution engine for the harts. */
public enum Engine { INTERP, JIT }
