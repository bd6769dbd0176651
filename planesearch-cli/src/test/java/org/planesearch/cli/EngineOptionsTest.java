package org.planesearch.cli;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine flags without an engine on the class path (this module's tests have no Spark): one
 * line that says how to run it, never a stack trace; engine-only flags are errors on the local
 * engine. (The spark engine itself is tested in planesearch-spark.)
 */
class EngineOptionsTest {

    @Test
    void sparkWithoutSparkOnTheClassPathSaysHowToRunIt() {
        Cli.fails(2, false, List.of("--engine spark", "Apache Spark is not on the class path", "spark-submit",
                "--class org.planesearch.cli.Main", "mvn -pl planesearch-spark -am package"),
                "train", "--engine", "spark", "--master", "local[2]");
    }

    @Test
    void engineFlagsOnTheLocalEngineAreErrors() {
        Cli.fails(2, false, List.of("--master applies to --engine spark only"), "train", "--master", "local[2]");
        Cli.fails(2, false, List.of("--partitions applies to --engine spark only"), "train", "--partitions", "4");
    }

    @Test
    void anUnknownEngineIsNamed() {
        Cli.fails(2, false, List.of("--engine gpu", "unknown engine; expected local or spark"), "train", "--engine", "gpu");
    }

    @Test
    void networksStayOnTheLocalEngine() {
        Cli.fails(2, false, List.of("--engine spark trains linear models only"),
                "train", "--engine", "spark", "--data", "iris", "--model", "mlp");
    }
}
