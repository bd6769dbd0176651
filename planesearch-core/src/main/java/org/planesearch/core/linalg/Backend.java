package org.planesearch.core.linalg;

/**
 * Where dense products run. {@link #JAVA} is pure Java and always available; a native OpenBLAS
 * backend is added by the linalg work (see design notes). The current backend is chosen once per
 * process by {@link #select(String)} or, by default, the best one that loads.
 */
public abstract class Backend {

    /** The pure-Java backend. */
    public static final Backend JAVA = new JavaBackend();

    private static volatile Backend current = JAVA;

    /** The backend new dense matrices use. */
    public static Backend current() {
        return current;
    }

    /** Selects a backend by name ("java"). */
    public static Backend select(String name) {
        if ("java".equals(name)) {
            current = JAVA;
            return JAVA;
        }
        throw new IllegalArgumentException("unknown BLAS backend '" + name + "'; expected one of: java");
    }

    /** Short name, as accepted by {@link #select(String)}. */
    public abstract String name();

    abstract DataMatrix dense(int rows, int cols, double[] rowMajor);

    abstract DataMatrix denseFloat(int rows, int cols, float[] rowMajor);

    private static final class JavaBackend extends Backend {
        @Override
        public String name() {
            return "java";
        }

        @Override
        DataMatrix dense(int rows, int cols, double[] rowMajor) {
            return new JavaDenseMatrix(rows, cols, rowMajor.clone());
        }

        @Override
        DataMatrix denseFloat(int rows, int cols, float[] rowMajor) {
            double[] d = new double[rowMajor.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = rowMajor[i];
            }
            return new JavaDenseMatrix(rows, cols, d);
        }
    }
}
