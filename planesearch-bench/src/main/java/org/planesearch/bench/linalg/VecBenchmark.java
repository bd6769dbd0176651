package org.planesearch.bench.linalg;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.planesearch.core.linalg.Vec;

/**
 * The parameter-space vector kernels of {@link Vec} that every iteration runs a few times
 * (L-BFGS's two-loop recursion runs 4·memory of them): dot, axpy, nrm2, on vectors of the
 * parameter counts of the benchmark problems (101: 10⁶ × 100 logistic; 7,850: MNIST softmax;
 * 79,510: the 784 → 100 → 10 network). Uniform values, seed 42; one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class VecBenchmark {

    @Param({"101", "7850", "79510"})
    public int n;

    private double[] x;
    private double[] y;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        x = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble();
            y[i] = r.nextDouble();
        }
    }

    @Benchmark
    public double dot() {
        return Vec.dot(x, y);
    }

    @Benchmark
    public double[] axpy() {
        Vec.axpy(1e-9, x, y);
        return y;
    }

    @Benchmark
    public double nrm2() {
        return Vec.nrm2(x);
    }
}
