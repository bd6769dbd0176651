package org.planesearch.core.linalg;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Loads OpenBLAS (the {@code org.bytedeco:openblas} artifact, its {@code openblas_nolapack}
 * library) once per process, and remembers why it could not when it fails.
 *
 * <p>Loading does three things:
 * <ul>
 *   <li>unless the user set them, it sets JavaCPP's {@code org.bytedeco.javacpp.maxBytes} and
 *       {@code maxPhysicalBytes} to 0 (no limit): by default JavaCPP refuses native allocations
 *       beyond the Java heap size, which would forbid a data matrix larger than {@code -Xmx} in
 *       native memory, the very case native storage is for. Our matrices free their memory in
 *       {@link DataMatrix#close()} (and, as a safety net, when collected);</li>
 *   <li>it sets OpenBLAS to one thread. Planesearch parallelises itself: every product is cut
 *       into a fixed number of row ranges ({@link WorkerPool}), each range one single-threaded
 *       BLAS call. That gives deterministic partial sums for a given thread count, measured
 *       faster for Xᵀr than OpenBLAS's own split (which cuts the d-dimension and strides), and
 *       leaves no OpenBLAS worker threads spinning between calls next to our Java threads.
 *       Changing OpenBLAS's thread count per call would be no option: it joins and recreates
 *       its threads (measured 0.3–0.8 ms a toggle);</li>
 *   <li>it runs a 2×2 product as a smoke test.</li>
 * </ul>
 *
 * <p>Thread-safe; the load happens at most once.
 */
final class NativeBlas {

    private NativeBlas() {
    }

    /** Null when OpenBLAS loaded; otherwise the reason, one line. */
    private static final class Holder {
        static final String PROBLEM = load();
    }

    /** True when OpenBLAS loaded and passed the smoke test. Triggers the load on first call. */
    static boolean available() {
        return Holder.PROBLEM == null;
    }

    /** Why OpenBLAS is unavailable, or null when it is available. */
    static String problem() {
        return Holder.PROBLEM;
    }

    /** The OpenBLAS version the bindings were built for, e.g. "0.3.31". */
    static String version() {
        String v = openblas_nolapack.OPENBLAS_VERSION.trim();
        return v.startsWith("OpenBLAS ") ? v.substring("OpenBLAS ".length()).trim() : v;
    }

    private static String load() {
        try {
            if (System.getProperty("org.bytedeco.javacpp.maxBytes") == null) {
                System.setProperty("org.bytedeco.javacpp.maxBytes", "0");
            }
            if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
                System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
            }
            Loader.load(openblas_nolapack.class);
            org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
            try (DoublePointer a = new DoublePointer(1, 2, 3, 4);
                 DoublePointer x = new DoublePointer(1, 1);
                 DoublePointer y = new DoublePointer(0, 0)) {
                openblas_nolapack.cblas_dgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                        2, 2, 1.0, a, 2, x, 1, 0.0, y, 1);
                if (y.get(0) != 3 || y.get(1) != 7) {
                    return "OpenBLAS smoke test gave wrong results (" + y.get(0) + ", " + y.get(1) + ")";
                }
            }
            return null;
        } catch (LinkageError | RuntimeException e) {
            String message = e.getMessage();
            if (message == null) {
                return e.getClass().getSimpleName();
            }
            int end = message.indexOf('\n');
            return e.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end));
        }
    }
}
