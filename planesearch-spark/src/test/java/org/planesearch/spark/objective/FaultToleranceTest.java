package org.planesearch.spark.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.planesearch.core.optim.Method;
import org.planesearch.core.optim.OptimizationResult;
import org.planesearch.core.optim.StopCriterion;
import org.planesearch.core.optim.Termination;
import org.planesearch.models.linear.LossKind;
import org.planesearch.spark.SparkTests;
import org.planesearch.spark.SparkTests.Problem;
import org.planesearch.spark.data.TrainingBlocks;

/**
 * Acceptance (fault): a task that fails once — injected in one partition's first attempt at a
 * start, a restriction, a trial or a move in the middle of the run — is retried by Spark
 * ({@code local[2,2]}: two attempts per task), and the run ends at the same optimum, bit for bit:
 * the same iterations, f and x as the run without the failure. Also with the state checkpointed
 * every 3 moves (the retry then reads checkpointed state).
 */
class FaultToleranceTest {

    private static SparkSession spark;
    private static JavaSparkContext sc;
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    @BeforeAll
    static void start() {
        spark = SparkTests.session("local[2,2]");
        sc = SparkTests.context(spark);
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() instanceof ExceptionFailure) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Fails the first attempt of partition 1's task in the given operation's given occurrence. */
    record FailOnce(TaskHook.Phase phase, long sequence) implements TaskHook {
        @Override
        public void beforeTask(Phase p, long s) {
            TaskContext task = TaskContext.get();
            if (p == phase && s == sequence && task.partitionId() == 1 && task.attemptNumber() == 0) {
                throw new IllegalStateException("injected failure: " + p + " #" + s);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TaskHook.Phase.class)
    void aTaskThatFailsOnceIsRetriedAndTheRunEndsAtTheSameOptimum(TaskHook.Phase phase) throws Exception {
        Problem p = SparkTests.problem(LossKind.LOGISTIC, true, false, 120, 5, 2, 31);
        StopCriterion stop = StopCriterion.anyOf(StopCriterion.gradientNorm(1e-10), StopCriterion.maxIterations(500));
        try (TrainingBlocks data = TrainingBlocks.fromMatrix(sc, p.x(), p.y(), 3, false)) {
            SparkLinearObjective f = SparkLinearObjective.of(p.model(), data, 0.05).withCheckpointInterval(3);
            OptimizationResult clean = Method.parse("lbfgs+ps").optimizer(stop).minimize(f, new double[f.dimension()]);
            f.close();
            assertEquals(Termination.GRADIENT_NORM, clean.termination());
            int before = FAILED_TASKS.get();
            long sequence = phase == TaskHook.Phase.START ? 1 : 4;
            SparkLinearObjective faulty = f.withTaskHook(new FailOnce(phase, sequence));
            OptimizationResult r = Method.parse("lbfgs+ps").optimizer(stop).minimize(faulty, new double[f.dimension()]);
            faulty.close();
            // the listener hears of the failed attempt asynchronously
            for (int wait = 0; wait < 100 && FAILED_TASKS.get() == before; wait++) {
                Thread.sleep(20);
            }
            assertEquals(1, FAILED_TASKS.get() - before, "exactly one task attempt failed");
            assertEquals(Termination.GRADIENT_NORM, r.termination());
            assertEquals(clean.iterations(), r.iterations());
            assertEquals(clean.value(), r.value(), 0.0, "f, bit for bit");
            assertArrayEquals(clean.x(), r.x(), 0.0);
            assertTrue(r.gradientNorm() <= 1e-10);
        }
    }
}
