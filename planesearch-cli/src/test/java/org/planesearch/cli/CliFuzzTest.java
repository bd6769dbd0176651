package org.planesearch.cli;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.planesearch.core.testing.fuzz.MutationFuzzer;

/**
 * Fuzzes every file the command line reads besides data ({@link CliFuzzTargets#ALL}: model files,
 * the evaluate and predict commands over them, run folders) with the seeded
 * {@link MutationFuzzer}: any input must end in a clean one-line error (exit code 2) or a valid
 * result, never another exception, a stack trace, an {@link OutOfMemoryError} or a hang.
 *
 * <p>CI budget: {@value MutationFuzzer#DEFAULT_SECONDS} s per target, fixed seed. Longer, with a new seed:
 * <pre>
 * mvn -pl planesearch-cli -am test -Dtest=CliFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dplanesearch.fuzz.seconds=600 -Dplanesearch.fuzz.seed=random
 * </pre>
 * Coverage-guided, with Jazzer: {@link CliJazzerTest}.
 */
class CliFuzzTest {

    @TestFactory
    Stream<DynamicTest> everyFileTheProgramReadsEndsInACleanErrorOrAValidResult() {
        MutationFuzzer.Budget budget = MutationFuzzer.budget();
        return CliFuzzTargets.ALL.stream().map(t -> DynamicTest.dynamicTest(t.name(),
                () -> System.out.println(MutationFuzzer.fuzz(t, budget))));
    }
}
