package org.planesearch.bench.linalg;

import java.util.Locale;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.planesearch.core.linalg.Backend;
import org.planesearch.core.linalg.DenseProducts;

/**
 * The network-layer products of {@link DenseProducts} (Java arrays in and out) on each path:
 * H·W ({@code multiply}, and its accumulating form), E·Wᵀ ({@code multiplyByTransposed}) and
 * Hᵀ·E ({@code multiplyTransposed}), A being m×k. Multiply-adds per call: m·k·n; the native path
 * also copies m·(k + n) values across JNI. Threads: {@link Backend#threads()} (default: all
 * processors).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
@State(Scope.Benchmark)
public class DenseProductsBenchmark {

    /** Rows of A: the examples of a full batch. */
    @Param({"60000"})
    public int m;

    /** k×n: hidden-to-output (100×10, 500×10) and output-to-hidden (10×100, 10×500). */
    @Param({"100x10", "10x100", "500x10", "10x500"})
    public String shape;

    /** {@link DenseProducts.Path}: "java" or "native". */
    @Param({"java", "native"})
    public String path;

    int k;
    int n;
    DenseProducts products;
    double[] a;
    double[] b;
    double[] rows;
    double[] c;
    double[] partial;

    @Setup(Level.Trial)
    public void setUp() {
        int[] s = BenchData.shape(shape);
        k = s[0];
        n = s[1];
        products = new DenseProducts(DenseProducts.Path.valueOf(path.toUpperCase(Locale.ROOT)));
        a = BenchData.uniform(1, m * k);
        b = BenchData.uniform(2, k * n);
        rows = BenchData.uniform(3, m * n);
        c = new double[m * n];
        partial = new double[k * n];
        System.out.println("# " + Backend.current().describe() + ", path " + products.path());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        products.close();
    }

    /** C = A·B, B k×n. */
    @Benchmark
    public double[] multiply() {
        products.multiply(a, b, m, k, n, c);
        return c;
    }

    /** C ← C + A·B (the native path copies C in and runs β = 1). */
    @Benchmark
    public double[] multiplyAdd() {
        products.multiplyAdd(a, b, m, k, n, c);
        return c;
    }

    /** C = A·Bᵀ, B n×k. */
    @Benchmark
    public double[] multiplyByTransposed() {
        products.multiplyByTransposed(a, b, m, k, n, c);
        return c;
    }

    /** C = Aᵀ·B, B m×n, C k×n: per-range partials added in range order. */
    @Benchmark
    public double[] multiplyTransposed() {
        products.multiplyTransposed(a, rows, m, k, n, partial);
        return partial;
    }
}
