package org.planesearch.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * The command line's fuzz targets ({@link CliFuzzTargets}) under Jazzer, coverage-guided: for
 * long runs on demand (tag "jazzer": left out of the normal build; {@code -Plong} replays the inputs
 * in {@code src/test/resources/org/planesearch/cli/CliJazzerTestInputs/METHOD/}, without fuzzing).
 * The time-bounded CI fuzzing is {@link CliFuzzTest}'s. One target per run, for its
 * {@code maxDuration} (profile {@code jazzer} sets {@code JAZZER_FUZZ=1}):
 * <pre>
 * mvn -Pjazzer -pl planesearch-cli -am test -Dtest='CliJazzerTest#modelFile' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("jazzer")
class CliJazzerTest {

    @FuzzTest(maxDuration = "10m")
    void modelFile(byte[] input) throws Exception {
        CliFuzzTargets.named("model-file").run(input);
    }

    @FuzzTest(maxDuration = "10m")
    void modelFileResealed(byte[] input) throws Exception {
        CliFuzzTargets.named("model-file-resealed").run(input);
    }

    @FuzzTest(maxDuration = "10m")
    void modelCommand(byte[] input) throws Exception {
        CliFuzzTargets.named("model-command").run(input);
    }

    @FuzzTest(maxDuration = "10m")
    void runFolder(byte[] input) throws Exception {
        CliFuzzTargets.named("run-folder").run(input);
    }
}
