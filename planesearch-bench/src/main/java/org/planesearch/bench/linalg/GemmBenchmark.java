package org.planesearch.bench.linalg;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.presets.openblas_nolapack;
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
 * Dense GEMM through our API (X·M and Xᵀ·R with Java arrays in and out, on the native backend)
 * against OpenBLAS's own {@code cblas_dgemm} on the same values in native memory, OpenBLAS then
 * running its own threads ({@link Backend#threads()} of them). FLOPs per call: 2·n·d·k.
 *
 * <p>The raw calls set OpenBLAS's thread count for their trial and put it back to 1 (what
 * Planesearch runs with) in the tear-down.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
@State(Scope.Benchmark)
public class GemmBenchmark {

    /** n×d data times d×k: the MACHINE.md tall-skinny case and an MNIST-sized hidden layer. */
    @Param({"100000x1000x100", "60000x784x100"})
    public String shape;

    int n;
    int d;
    int k;
    DataMatrix x;
    double[] m;
    double[] rk;
    double[] xm;
    double[] xtr;
    DoublePointer a;
    DoublePointer mNative;
    DoublePointer rNative;
    DoublePointer cNative;
    DoublePointer gNative;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        n = Integer.parseInt(p[0]);
        d = Integer.parseInt(p[1]);
        k = Integer.parseInt(p[2]);
        x = BenchData.uniformMatrix(Backend.named("native"), n, d, false);
        m = BenchData.uniform(2, d * k);
        rk = BenchData.uniform(3, n * k);
        xm = new double[n * k];
        xtr = new double[d * k];
        // The same values in a plain native buffer for the raw calls.
        a = new DoublePointer((long) n * d);
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            x.row(i, row);
            a.position((long) i * d).put(row, 0, d);
        }
        a.position(0);
        mNative = new DoublePointer(m);
        rNative = new DoublePointer(rk);
        cNative = new DoublePointer((long) n * k);
        gNative = new DoublePointer((long) d * k);
        System.out.println("# " + Backend.named("native").describe());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
        a.close();
        mNative.close();
        rNative.close();
        cNative.close();
        gNative.close();
    }

    /** Raw OpenBLAS with its own threads, for the trial. */
    @State(Scope.Benchmark)
    public static class OpenBlasThreads {
        @Setup(Level.Trial)
        public void setUp() {
            openblas_nolapack.blas_set_num_threads(Backend.threads());
            System.out.println("# raw cblas_dgemm with OpenBLAS threads = " + openblas_nolapack.blas_get_num_threads());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    @Benchmark
    public double[] apiMultiply() {
        x.multiply(m, k, xm);
        return xm;
    }

    @Benchmark
    public double[] apiMultiplyTransposed() {
        x.multiplyTransposed(rk, k, xtr);
        return xtr;
    }

    @Benchmark
    public DoublePointer rawDgemm(OpenBlasThreads threads) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, k, d, 1.0, a, d, mNative, k, 0.0, cNative, k);
        return cNative;
    }

    @Benchmark
    public DoublePointer rawDgemmTransposed(OpenBlasThreads threads) {
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d, k, n, 1.0, a, d, rNative, k, 0.0, gNative, k);
        return gNative;
    }
}
