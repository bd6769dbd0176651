package org.planesearch.data.read;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.planesearch.core.testing.fuzz.MutationFuzzer;

/**
 * Fuzzes every reader of this module ({@link ReaderFuzzTargets#ALL}) with the seeded
 * {@link MutationFuzzer}: any input must end in a clean {@code DataFormatException} or a valid
 * dataset, never another exception, an {@link OutOfMemoryError} or a hang.
 *
 * <p>CI budget: {@value MutationFuzzer#DEFAULT_SECONDS} s per target, fixed seed. Longer, with a new seed:
 * <pre>
 * mvn -pl planesearch-data -am test -Dtest=ReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dplanesearch.fuzz.seconds=600 -Dplanesearch.fuzz.seed=random
 * </pre>
 * Coverage-guided, with Jazzer: {@link ReaderJazzerTest}.
 */
class ReaderFuzzTest {

    @TestFactory
    Stream<DynamicTest> everyReaderEndsInACleanErrorOrAValidDataset() {
        MutationFuzzer.Budget budget = MutationFuzzer.budget();
        return ReaderFuzzTargets.ALL.stream().map(t -> DynamicTest.dynamicTest(t.name(),
                () -> System.out.println(MutationFuzzer.fuzz(t, budget))));
    }
}
