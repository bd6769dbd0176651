package org.planesearch.bench.linalg;

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
import org.planesearch.core.linalg.DataMatrix;

/**
 * The two passes of a full-batch iteration of a linear model, X·v and Xᵀ·r, through
 * {@link DataMatrix} on each backend and storage precision. Bytes moved per call ≈ n·d·(8 or 4);
 * compare with {@link CopyBandwidthBenchmark} of the same run. Threads: {@link Backend#threads()}
 * (default: all processors).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
@State(Scope.Benchmark)
public class DenseProductBenchmark {

    @Param({"60000x784", "1000000x100"})
    public String shape;

    @Param({"native", "java"})
    public String backend;

    /** float64, or float32 storage (half the bytes per pass). */
    @Param({"float64", "float32"})
    public String storage;

    DataMatrix x;
    double[] v;
    double[] r;
    double[] xv;
    double[] xtr;

    @Setup(Level.Trial)
    public void setUp() {
        int[] s = BenchData.shape(shape);
        x = BenchData.uniformMatrix(Backend.named(backend), s[0], s[1], storage.equals("float32"));
        v = BenchData.uniform(2, s[1]);
        r = BenchData.uniform(3, s[0]);
        xv = new double[s[0]];
        xtr = new double[s[1]];
        System.out.println("# " + Backend.named(backend).describe());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
    }

    @Benchmark
    public double[] multiply() {
        x.multiply(v, xv);
        return xv;
    }

    @Benchmark
    public double[] multiplyTransposed() {
        x.multiplyTransposed(r, xtr);
        return xtr;
    }
}
