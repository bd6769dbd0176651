package org.planesearch.data.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * The readers' fuzz targets ({@link ReaderFuzzTargets}) under Jazzer, coverage-guided: for long
 * runs on demand (tag "jazzer": left out of the normal build; {@code -Plong} replays the inputs in
 * {@code src/test/resources/org/planesearch/data/read/ReaderJazzerTestInputs/METHOD/}, a
 * regression corpus, without fuzzing). The time-bounded CI fuzzing is {@link ReaderFuzzTest}'s.
 * One target per run, for its {@code maxDuration} (profile {@code jazzer} sets {@code JAZZER_FUZZ=1}):
 * <pre>
 * mvn -Pjazzer -pl planesearch-data -am test -Dtest='ReaderJazzerTest#libsvm' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * A finding is written to {@code crash-…} in the module folder; copy it into the inputs folder
 * above (or {@code src/test/resources/fuzz/NAME/}, which the CI fuzzer also replays) once fixed.
 */
@Tag("jazzer")
class ReaderJazzerTest {

    @FuzzTest(maxDuration = "10m")
    void libsvm(byte[] input) throws Exception {
        ReaderFuzzTargets.named("libsvm").run(input);
    }

    @FuzzTest(maxDuration = "10m")
    void csv(byte[] input) throws Exception {
        ReaderFuzzTargets.named("csv").run(input);
    }

    @FuzzTest(maxDuration = "10m")
    void idx(byte[] input) throws Exception {
        ReaderFuzzTargets.named("idx").run(input);
    }
}
