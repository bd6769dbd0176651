package org.planesearch.core.linalg;

import java.io.PrintStream;

/**
 * Where dense matrices live and who computes their products.
 *
 * <ul>
 *   <li>{@code "native"}: OpenBLAS through JavaCPP ({@code org.bytedeco:openblas}, shipped inside
 *       the Maven artifact, extracted to {@code ~/.javacpp/cache} on first use, no network).
 *       Matrices live in native memory for their whole life; products are {@code dgemv},
 *       {@code dgemm} (float32 storage: {@code sgemv}, {@code sgemm} with float64 accumulation
 *       across blocks, see {@code NativeFloatMatrix}).</li>
 *   <li>{@code "java"}: pure Java, blocked loops ({@code DenseKernels}); always available.</li>
 *   <li>{@code "auto"}: native when OpenBLAS loads, otherwise Java with one warning line on
 *       standard error that says why.</li>
 * </ul>
 *
 * <p>The current backend, used by {@link Matrices}, starts as the one named by the system
 * property {@code planesearch.backend} ({@code native}, {@code java} or {@code auto}; default
 * {@code auto}) and is resolved on first use; {@link #select(String)} changes it. Matrices
 * already built keep their backend. CSR matrices are pure Java on every backend.
 *
 * <p>Threads: every product of every backend is split into at most {@link #threads()} row
 * ranges run in parallel (the calling thread plus workers), partial sums reduced in a fixed order:
 * results are bit-for-bit reproducible for a given thread count. OpenBLAS itself runs single
 * threaded inside each range (see {@code NativeBlas} for why). Default: the number of available
 * processors; {@link #setThreads(int)} changes it for the whole process.
 *
 * <p>Thread-safe. Backend instances are immutable.
 */
public abstract class Backend {

    /** The pure-Java backend. */
    public static final Backend JAVA = new JavaBackend();

    private static final String PROPERTY = "planesearch.backend";
    private static final Object LOCK = new Object();
    private static volatile Backend current;
    private static boolean warned;

    Backend() {
    }

    /** The backend new dense matrices use (resolved on first call, see the class comment). */
    public static Backend current() {
        Backend b = current;
        if (b == null) {
            synchronized (LOCK) {
                b = current;
                if (b == null) {
                    String name = System.getProperty(PROPERTY, "auto");
                    b = named(name.trim().toLowerCase(java.util.Locale.ROOT));
                    current = b;
                }
            }
        }
        return b;
    }

    /**
     * Makes the named backend current and returns it.
     *
     * @param name "native", "java" or "auto"
     * @throws IllegalArgumentException for any other name
     * @throws IllegalStateException for "native" when OpenBLAS cannot be loaded (the message
     *         says why)
     */
    public static Backend select(String name) {
        Backend b = named(name);
        synchronized (LOCK) {
            current = b;
        }
        return b;
    }

    /**
     * The named backend, without making it current (to build a matrix on a given backend).
     * Same names and exceptions as {@link #select(String)}.
     */
    public static Backend named(String name) {
        if (name == null) {
            throw new IllegalArgumentException("backend name must not be null; expected one of: native, java, auto");
        }
        switch (name) {
            case "java":
                return JAVA;
            case "native":
                if (!NativeBlas.available()) {
                    throw new IllegalStateException("the native BLAS backend is unavailable: " + NativeBlas.problem());
                }
                return NativeHolder.NATIVE;
            case "auto":
                return auto(NativeBlas.problem(), System.err);
            default:
                throw new IllegalArgumentException("unknown BLAS backend '" + name + "'; expected one of: native, java, auto");
        }
    }

    /**
     * What "auto" resolves to given the native load problem (null: none): native, or Java after
     * one warning line on {@code err} (printed once per process).
     */
    static Backend auto(String nativeProblem, PrintStream err) {
        if (nativeProblem == null) {
            return NativeHolder.NATIVE;
        }
        synchronized (LOCK) {
            if (!warned) {
                warned = true;
                err.println("planesearch: warning: native OpenBLAS unavailable (" + nativeProblem
                        + "); using the pure-Java linear algebra backend");
            }
        }
        return JAVA;
    }

    /** True when the native backend can be used (loads OpenBLAS on first call). */
    public static boolean nativeAvailable() {
        return NativeBlas.available();
    }

    /**
     * Sets how many threads every product may use (the calling thread included), for all
     * matrices of all backends, from the next product on.
     *
     * @param threads ≥ 1
     */
    public static void setThreads(int threads) {
        WorkerPool.setThreads(threads);
    }

    /** The thread count products use (default: available processors). */
    public static int threads() {
        return WorkerPool.current().threads();
    }

    /** Short name, as accepted by {@link #select(String)}: "native" or "java". */
    public abstract String name();

    /** One line for logs and reports, e.g. "native (OpenBLAS 0.3.31, OPENBLAS_CORETYPE=Haswell), 2 threads". */
    public abstract String describe();

    /**
     * A dense n×d float64 matrix holding a copy of {@code rowMajor} (exactly rows·cols values).
     * rowMajor: not modified.
     */
    public abstract DataMatrix dense(int rows, int cols, double[] rowMajor);

    /**
     * A dense n×d matrix stored in float32, holding a copy of {@code rowMajor} (exactly rows·cols
     * values). rowMajor: not modified.
     */
    public abstract DataMatrix denseFloat(int rows, int cols, float[] rowMajor);

    /** A builder that fills a dense n×d matrix row by row in its final storage. */
    public abstract DenseMatrixBuilder denseBuilder(int rows, int cols, boolean float32);

    @Override
    public String toString() {
        return name();
    }

    private static final class JavaBackend extends Backend {
        @Override
        public String name() {
            return "java";
        }

        @Override
        public String describe() {
            return "java, " + threads() + " threads";
        }

        @Override
        public DataMatrix dense(int rows, int cols, double[] rowMajor) {
            Shapes.exactLength("rowMajor", rowMajor.length, rows, cols);
            return new JavaDenseMatrix(rows, cols, rowMajor.clone());
        }

        @Override
        public DataMatrix denseFloat(int rows, int cols, float[] rowMajor) {
            Shapes.exactLength("rowMajor", rowMajor.length, rows, cols);
            return new JavaFloatMatrix(rows, cols, rowMajor.clone());
        }

        @Override
        public DenseMatrixBuilder denseBuilder(int rows, int cols, boolean float32) {
            return new JavaDenseBuilder(rows, cols, float32);
        }
    }

    /** Created on first use only, after OpenBLAS loaded. */
    private static final class NativeHolder {
        static final Backend NATIVE = new NativeBackend();
    }

    private static final class NativeBackend extends Backend {
        @Override
        public String name() {
            return "native";
        }

        @Override
        public String describe() {
            String core = System.getenv("OPENBLAS_CORETYPE");
            return "native (OpenBLAS " + NativeBlas.version() + ", "
                    + (core == null ? "kernel auto-detected" : "OPENBLAS_CORETYPE=" + core) + "), " + threads() + " threads";
        }

        @Override
        public DataMatrix dense(int rows, int cols, double[] rowMajor) {
            return NativeDenseMatrix.copyOf(rows, cols, rowMajor);
        }

        @Override
        public DataMatrix denseFloat(int rows, int cols, float[] rowMajor) {
            return NativeFloatMatrix.copyOf(rows, cols, rowMajor);
        }

        @Override
        public DenseMatrixBuilder denseBuilder(int rows, int cols, boolean float32) {
            return new NativeDenseBuilder(rows, cols, float32);
        }
    }
}
