package io.condenser.jobs.rules.file;

/**
 * What the enumerator checkpoints: the split while no reader holds it (at the start, or after a
 * failed reader gave it back), else null (the reader's own state holds it).
 */
public record RuleFileEnumeratorState(RuleFileSplit unassigned) {}
