package org.planesearch.models.network;

import org.planesearch.core.linalg.Parallel;

/**
 * The entry-wise sweeps of the two-layer subspace evaluator over n×w row-major arrays (the
 * pre-activations and their directions' images), on the library's threads ({@link Parallel}):
 * <ul>
 *   <li>{@link #combine}: U = P + Σⱼ tⱼQⱼ, each entry as P + (t₀Q₀ + t₁Q₁ + …) in column order,
 *       so a trial and the move that accepts it form the same bits;</li>
 *   <li>{@link #dots}: Σ_e B[e]·Qⱼ[e] for several Qⱼ in one sweep;</li>
 *   <li>{@link #pairs}: Σ_e g[e]·Qᵢ[e]·Qⱼ[e] for every pair i ≤ j in one sweep.</li>
 * </ul>
 * Partition and reduction as everywhere in the library: rows cut into {@link Parallel#parts}
 * contiguous ranges, one partial per range and output, added in range order, so a thread count
 * gives the same bits run after run. Per-range partials are padded apart (no false sharing).
 *
 * <p>Allocates its partials in the constructor (grown only if the thread count is raised).
 * Not thread-safe: one sweep at a time.
 */
final class ImageSweep {

    private static final int COMBINE = 0;
    private static final int DOTS = 1;
    private static final int PAIRS = 2;
    private static final int IMAGE = 3;
    /** Doubles between two ranges' partials: 128 bytes. */
    private static final int PAD = 16;

    private final int rows;
    private final int maxColumns;
    private final Parallel.PartTask task = this::runPart;
    private double[][] partials;

    // The sweep in flight.
    private int op;
    private int parts;
    private int width;
    private int count;
    private double[] base;
    private double[] weight;
    private double[][] images;
    private double[] coefficients;
    private double[] out;

    ImageSweep(int rows, int maxColumns) {
        this.rows = rows;
        this.maxColumns = maxColumns;
        allocate(Parallel.parts(rows, 1));
    }

    private void allocate(int p) {
        partials = new double[p][maxColumns * (maxColumns + 1) / 2 + maxColumns + PAD];
    }

    private void begin(int operation, int w, int columns) {
        if (columns > maxColumns) {
            throw new IllegalArgumentException("at most " + maxColumns + " images, got " + columns);
        }
        int p = Parallel.parts(rows, (long) w * Math.max(1, columns));
        if (p > partials.length) {
            allocate(p);
        }
        op = operation;
        parts = p;
        width = w;
        count = columns;
    }

    /**
     * out = p + Σⱼ tⱼ·qⱼ over n×w entries (j &lt; columns; no columns: a copy of p). p, q, t: not
     * modified. out: modified (may not be p or a qⱼ).
     */
    void combine(double[] p, double[][] q, double[] t, int columns, int w, double[] result) {
        begin(COMBINE, w, columns);
        base = p;
        images = q;
        coefficients = t;
        out = result;
        run();
    }

    /**
     * out = Σⱼ tⱼ·qⱼ over n×w entries, each entry the same bits as the image term of
     * {@link #combine} (so p + out equals combine's result). q, t: not modified. out: modified.
     */
    void image(double[][] q, double[] t, int columns, int w, double[] result) {
        if (columns < 1) {
            throw new IllegalArgumentException("image needs at least one column");
        }
        begin(IMAGE, w, columns);
        images = q;
        coefficients = t;
        out = result;
        run();
    }

    /** result[j] = Σ_e b[e]·qⱼ[e] over n×w entries, j &lt; columns. b, q: not modified. result: modified. */
    void dots(double[] b, double[][] q, int columns, int w, double[] result) {
        begin(DOTS, w, columns);
        weight = b;
        images = q;
        run();
        for (int j = 0; j < columns; j++) {
            double s = 0;
            for (int p = 0; p < parts; p++) {
                s += partials[p][j];
            }
            result[j] = s;
        }
    }

    /**
     * result[i·columns + j] = result[j·columns + i] = Σ_e g[e]·qᵢ[e]·qⱼ[e] over n×w entries,
     * i ≤ j &lt; columns. g, q: not modified. result (columns² entries): modified.
     */
    void pairs(double[] g, double[][] q, int columns, int w, double[] result) {
        begin(PAIRS, w, columns);
        weight = g;
        images = q;
        run();
        int at = 0;
        for (int i = 0; i < columns; i++) {
            for (int j = i; j < columns; j++) {
                double s = 0;
                for (int p = 0; p < parts; p++) {
                    s += partials[p][at];
                }
                result[i * columns + j] = s;
                result[j * columns + i] = s;
                at++;
            }
        }
    }

    private void run() {
        Parallel.run(task, parts);
        base = null;
        weight = null;
        images = null;
        coefficients = null;
        out = null;
    }

    private void runPart(int part) {
        int e0 = Parallel.start(rows, parts, part) * width;
        int e1 = Parallel.start(rows, parts, part + 1) * width;
        double[] acc = partials[part];
        switch (op) {
            case COMBINE:
                combineRange(e0, e1);
                break;
            case DOTS:
                for (int j = 0; j < count; j++) {
                    acc[j] = dot(weight, images[j], e0, e1);
                }
                break;
            case IMAGE:
                imageRange(e0, e1);
                break;
            case PAIRS: {
                int at = 0;
                for (int i = 0; i < count; i++) {
                    for (int j = i; j < count; j++) {
                        acc[at++] = tripleDot(weight, images[i], images[j], e0, e1);
                    }
                }
                break;
            }
            default:
                throw new IllegalStateException("unknown sweep " + op);
        }
    }

    private void combineRange(int e0, int e1) {
        double[] p = base;
        double[] u = out;
        if (count == 0) {
            System.arraycopy(p, e0, u, e0, e1 - e0);
        } else if (count == 1) {
            double t0 = coefficients[0];
            double[] q0 = images[0];
            for (int e = e0; e < e1; e++) {
                u[e] = p[e] + t0 * q0[e];
            }
        } else if (count == 2) {
            double t0 = coefficients[0];
            double t1 = coefficients[1];
            double[] q0 = images[0];
            double[] q1 = images[1];
            for (int e = e0; e < e1; e++) {
                u[e] = p[e] + (t0 * q0[e] + t1 * q1[e]);
            }
        } else {
            for (int e = e0; e < e1; e++) {
                u[e] = p[e] + image(e);
            }
        }
    }

    private void imageRange(int e0, int e1) {
        double[] u = out;
        if (count == 1) {
            double t0 = coefficients[0];
            double[] q0 = images[0];
            for (int e = e0; e < e1; e++) {
                u[e] = t0 * q0[e];
            }
        } else if (count == 2) {
            double t0 = coefficients[0];
            double t1 = coefficients[1];
            double[] q0 = images[0];
            double[] q1 = images[1];
            for (int e = e0; e < e1; e++) {
                u[e] = t0 * q0[e] + t1 * q1[e];
            }
        } else {
            for (int e = e0; e < e1; e++) {
                u[e] = image(e);
            }
        }
    }

    /** Σⱼ tⱼ qⱼ[e], added in column order (the order of {@link #combine} and of the move's step image). */
    private double image(int e) {
        double s = coefficients[0] * images[0][e];
        for (int j = 1; j < count; j++) {
            s += coefficients[j] * images[j][e];
        }
        return s;
    }

    /** Σ a[e]·b[e] over [e0, e1) in four chains, added in a fixed order. */
    static double dot(double[] a, double[] b, int e0, int e1) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int e = e0;
        for (; e + 3 < e1; e += 4) {
            s0 += a[e] * b[e];
            s1 += a[e + 1] * b[e + 1];
            s2 += a[e + 2] * b[e + 2];
            s3 += a[e + 3] * b[e + 3];
        }
        for (; e < e1; e++) {
            s0 += a[e] * b[e];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double tripleDot(double[] g, double[] a, double[] b, int e0, int e1) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int e = e0;
        for (; e + 3 < e1; e += 4) {
            s0 += g[e] * a[e] * b[e];
            s1 += g[e + 1] * a[e + 1] * b[e + 1];
            s2 += g[e + 2] * a[e + 2] * b[e + 2];
            s3 += g[e + 3] * a[e + 3] * b[e + 3];
        }
        for (; e < e1; e++) {
            s0 += g[e] * a[e] * b[e];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
