package org.planesearch.core.testing.fuzz;

import java.util.List;

/**
 * One reader under fuzzing: a name, seed inputs, a dictionary of tokens its format is made of,
 * and the check that an input ends in a clean error or a valid result.
 *
 * <p>{@link #run} returns {@link Outcome#ACCEPTED} for a valid result (after checking it: finite
 * values, consistent sizes, a round trip where there is one) and {@link Outcome#REJECTED} for a
 * clean error (the reader's own exception type, with a one-line message naming the input). It
 * throws for anything else: another exception type, an {@link Error}, a broken invariant
 * (an {@link AssertionError}). The engines ({@link MutationFuzzer} in CI, Jazzer's
 * {@code @FuzzTest} for long runs) report what it throws as a finding.
 *
 * <p>To fuzz a new reader (checkpoints, a config file), implement this interface and add it to
 * its module's {@code FuzzTargets} list: the CI test and the Jazzer tests pick it up from there.
 */
public interface FuzzTarget {

    /** How an input ended. */
    enum Outcome {
        /** A valid result, checked. */
        ACCEPTED,
        /** A clean error: the reader's exception with a one-line message naming the input. */
        REJECTED
    }

    /** A short name: the test's display name and the findings' file prefix ("libsvm", "model-file"). */
    String name();

    /** Valid and nearly valid inputs to start from (the corpus); at least one. */
    List<byte[]> seeds();

    /** Tokens of the format that mutations insert ("qid:", "\"version\"", "1e309"); may be empty. */
    default List<String> dictionary() {
        return List.of();
    }

    /**
     * Reads one input.
     *
     * @param input the bytes (not modified)
     * @return ACCEPTED or REJECTED, after checking the result or the error
     * @throws Exception (or an {@link Error}) for a finding
     */
    Outcome run(byte[] input) throws Exception;
}
