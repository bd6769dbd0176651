package org.planesearch.bench.linalg;

import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.javacpp.Pointer;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.planesearch.core.linalg.Backend;

/**
 * Memory bandwidth, the ceiling of every matrix-vector product: copy a buffer far larger than
 * the caches (256 MiB by default). Copy bandwidth = bytes read + written per second =
 * 2·size / time. One thread ({@code copyNative}: {@code memcpy}; {@code copyJava}:
 * {@code System.arraycopy}) and two threads each copying their own buffer
 * ({@code copyNativeTwoThreads}: JMH reports the time per copy per thread, so the machine moves
 * 2·2·size per that time). A matrix-vector product only reads, so {@code readNative…}
 * ({@code cblas_dasum} over the buffer, OpenBLAS single-threaded as Planesearch runs it; size /
 * time) gives the read-only ceiling next to it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class CopyBandwidthBenchmark {

    /** One thread's pair of buffers. */
    @State(Scope.Thread)
    public static class Buffers {
        /** Bytes per buffer. */
        @Param({"268435456"})
        public long bytes;

        DoublePointer source;
        DoublePointer target;
        double[] javaSource;
        double[] javaTarget;

        @Setup(Level.Trial)
        public void setUp() {
            long n = bytes / Double.BYTES;
            source = new DoublePointer(n);
            target = new DoublePointer(n);
            Pointer.memset(source, 1, bytes);
            if (!Backend.nativeAvailable()) {   // loads OpenBLAS, set to one thread as Planesearch runs it
                throw new IllegalStateException("OpenBLAS is needed for the read benchmarks");
            }
            Pointer.memset(target, 0, bytes);
            javaSource = BenchData.uniform(1, (int) n);
            javaTarget = new double[(int) n];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            source.close();
            target.close();
        }
    }

    @Benchmark
    public Pointer copyNative(Buffers b) {
        return Pointer.memcpy(b.target, b.source, b.bytes);
    }

    @Benchmark
    public double[] copyJava(Buffers b) {
        System.arraycopy(b.javaSource, 0, b.javaTarget, 0, b.javaSource.length);
        return b.javaTarget;
    }

    @Benchmark
    @Threads(2)
    public Pointer copyNativeTwoThreads(Buffers b) {
        return Pointer.memcpy(b.target, b.source, b.bytes);
    }

    @Benchmark
    public double readNative(Buffers b) {
        return openblas_nolapack.cblas_dasum((int) (b.bytes / Double.BYTES), b.source, 1);
    }

    @Benchmark
    @Threads(2)
    public double readNativeTwoThreads(Buffers b) {
        return openblas_nolapack.cblas_dasum((int) (b.bytes / Double.BYTES), b.source, 1);
    }
}
