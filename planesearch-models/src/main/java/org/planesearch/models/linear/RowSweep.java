package org.planesearch.models.linear;

import org.planesearch.core.linalg.Parallel;

/**
 * Runs a {@link RowLoss}'s row-range kernels over all n rows on the library's threads
 * ({@link Parallel}), and the move's score update z ← z + A·t.
 *
 * <p>Partition and reduction: the rows are cut into P = {@link Parallel#parts}(n,
 * c·{@link #WORK_PER_SCORE}) contiguous ranges; range p writes its own partial loss sum and its
 * own accumulators (gradient k and Hessian k×k, or column sums c), and the calling thread adds
 * the partials in range order. Every loss sum of one objective uses this same partition, whatever
 * the kind of sweep, so ψ at the same scores has the same bits whether it came with derivatives
 * or without, from a trial or from the cache; and a given thread count gives the same bits run
 * after run.
 *
 * <p>Owns its per-range buffers, allocated in the constructor and grown only when a call needs
 * more ranges than any call before (the thread count was raised): the sweeps allocate nothing.
 * The one task object is this instance. Not thread-safe: one sweep at a time.
 */
final class RowSweep implements Parallel.PartTask {

    /**
     * Work per score for the partition, in multiply-adds: an exponential and its share of the
     * row's bookkeeping. It only decides how many ranges small problems get.
     */
    static final int WORK_PER_SCORE = 16;

    private static final int VALUE = 0;
    private static final int DERIVATIVES = 1;
    private static final int FROM_CACHE = 2;
    private static final int UPDATE = 3;

    private final RowLoss loss;
    private final int rows;
    private final int outputs;
    private final int maxColumns;
    private final int accLength;

    private double[] partSums;
    private double[][] acc;
    private RowLoss.Scratch[] scratch;

    // The sweep in flight, written by the calling thread before the ranges start.
    private int op;
    private int parts;
    private double[] z;
    private double[][] a;
    private int k;
    private double[] t;
    private double scale;
    private double[] rOut;
    private double[] curvOut;
    private double[] imgOut;
    private boolean hessian;

    /**
     * @param loss the loss (its rows and outputs fix the shapes)
     * @param maxColumns the largest k any sweep will be given (0: sweeps at z only)
     */
    RowSweep(RowLoss loss, int maxColumns) {
        this.loss = loss;
        this.rows = loss.rows;
        this.outputs = loss.outputs;
        this.maxColumns = maxColumns;
        this.accLength = loss.accumulatorLength(maxColumns);
        allocate(Parallel.parts(rows, workPerRow()));
    }

    private long workPerRow() {
        return (long) outputs * WORK_PER_SCORE;
    }

    private void allocate(int count) {
        partSums = new double[count];
        acc = new double[count][accLength];
        scratch = new RowLoss.Scratch[count];
        for (int p = 0; p < count; p++) {
            scratch[p] = loss.newScratch(maxColumns);
        }
    }

    private void begin(int operation, int columns) {
        if (columns > maxColumns) {
            throw new IllegalArgumentException("this sweep takes at most " + maxColumns + " columns, got " + columns);
        }
        int p = Parallel.parts(rows, workPerRow());
        if (p > partSums.length) {
            allocate(p);
        }
        op = operation;
        parts = p;
    }

    /** Returns Σᵢ ℓ at zᵢ + Σⱼ tⱼAⱼ[i,:] (images null: at z). z, a, t: not modified. */
    double value(double[] scores, double[][] images, int columns, double[] coefficients) {
        begin(VALUE, images == null ? 0 : columns);
        z = scores;
        a = images;
        k = images == null ? 0 : columns;
        t = coefficients;
        run();
        return reduceSum();
    }

    /**
     * The loss with derivatives at z (see {@link RowLoss#derivatives} with a null): returns
     * Σᵢ ℓ(zᵢ), writes rOut = scale·∂ℓ/∂z, the curvature data into curvOut and Σᵢ rᵢ into sumsOut
     * (length c). z: not modified; rOut, curvOut, sumsOut: modified.
     */
    double derivativesAt(double[] scores, double rScale, double[] residualOut, double[] curvatureOut,
                         double[] sumsOut) {
        begin(DERIVATIVES, 0);
        z = scores;
        a = null;
        k = 0;
        scale = rScale;
        rOut = residualOut;
        curvOut = curvatureOut;
        hessian = false;
        run();
        reduceSums(sumsOut);
        return reduceSum();
    }

    /**
     * The fused trial at t (see {@link RowLoss#derivatives}): returns Σᵢ ℓ at zᵢ + Σⱼ tⱼAⱼ[i,:],
     * leaves the rows' data in rOut and curvOut (for {@link #update} to complete if the trial is
     * accepted), writes gradOut[j] = ⟨Aⱼ, r⟩ and, when hessOut is not null,
     * hessOut = scale·Σᵢ Aⱼ∇²ℓᵢAₗᵀ (k×k, both triangles). z, a, t: not modified; rOut, curvOut,
     * gradOut, hessOut: modified.
     */
    double derivatives(double[] scores, double[][] images, int columns, double[] coefficients, double rScale,
                       double[] residualOut, double[] curvatureOut, double[] gradOut, double[] hessOut) {
        begin(DERIVATIVES, columns);
        z = scores;
        a = images;
        k = columns;
        t = coefficients;
        scale = rScale;
        rOut = residualOut;
        curvOut = curvatureOut;
        hessian = hessOut != null;
        run();
        reduceDerivatives(columns, gradOut, hessOut);
        return reduceSum();
    }

    /**
     * Derivatives at t = 0 from the data cached at the current point (r, curv), no loss
     * evaluated: gradOut[j] = ⟨Aⱼ, r⟩ and, when hessOut is not null,
     * hessOut = scale·Σᵢ Aⱼ∇²ℓᵢAₗᵀ. a, r, curv: not modified. gradOut, hessOut: modified.
     */
    void derivativesFromCache(double[][] images, int columns, double[] residual, double[] curvature, double rScale,
                              double[] gradOut, double[] hessOut) {
        begin(FROM_CACHE, columns);
        a = images;
        k = columns;
        rOut = residual;
        curvOut = curvature;
        scale = rScale;
        hessian = hessOut != null;
        run();
        reduceDerivatives(columns, gradOut, hessOut);
    }

    /**
     * The move: imgOut = A·t and z ← z + imgOut, each score as z + {@link RowLoss#image}, the
     * exact trial scores. When curv is not null, the accepted trial's data (r, curv) are completed
     * in the same sweep ({@link RowLoss#residual}) and Σᵢ rᵢ is written into sumsOut. a, t, curv:
     * not modified. z, imgOut, r, sumsOut: modified.
     */
    void update(double[] scores, double[][] images, int columns, double[] coefficients, double[] imageOut,
                double[] curvature, double[] residual, double rScale, double[] sumsOut) {
        begin(UPDATE, columns);
        z = scores;
        a = images;
        k = columns;
        t = coefficients;
        imgOut = imageOut;
        curvOut = curvature;
        rOut = residual;
        scale = rScale;
        run();
        if (curvature != null) {
            reduceSums(sumsOut);
        }
    }

    private void run() {
        Parallel.run(this, parts);
        // drop the references to the caller's arrays
        z = null;
        a = null;
        t = null;
        rOut = null;
        curvOut = null;
        imgOut = null;
    }

    @Override
    public void runPart(int part) {
        int from = Parallel.start(rows, parts, part);
        int to = Parallel.start(rows, parts, part + 1);
        double[] sums = acc[part];
        RowLoss.Scratch work = scratch[part];
        switch (op) {
            case VALUE:
                partSums[part] = loss.sum(z, a, k, t, from, to, work);
                break;
            case DERIVATIVES:
                clear(sums);
                partSums[part] = loss.derivatives(z, a, k, t, scale, from, to, rOut, curvOut, hessian, sums, work);
                break;
            case FROM_CACHE:
                clear(sums);
                loss.derivativesFromCache(a, k, rOut, curvOut, scale, hessian, from, to, sums, work);
                break;
            case UPDATE:
                updateRows(from, to);
                if (curvOut != null) {
                    clear(sums);
                    loss.residual(curvOut, rOut, scale, from, to, sums);
                }
                break;
            default:
                throw new IllegalStateException("unknown sweep " + op);
        }
    }

    private void updateRows(int from, int to) {
        int c = outputs;
        double[] zz = z;
        double[] img = imgOut;
        int begin = from * c;
        int end = to * c;
        if (k == 1) {
            double t0 = t[0];
            double[] a0 = a[0];
            for (int e = begin; e < end; e++) {
                double v = t0 * a0[e];
                img[e] = v;
                zz[e] += v;
            }
        } else if (k == 2) {
            double t0 = t[0];
            double t1 = t[1];
            double[] a0 = a[0];
            double[] a1 = a[1];
            for (int e = begin; e < end; e++) {
                double v = t0 * a0[e] + t1 * a1[e];
                img[e] = v;
                zz[e] += v;
            }
        } else {
            for (int e = begin; e < end; e++) {
                double v = RowLoss.image(a, e, k, t);
                img[e] = v;
                zz[e] += v;
            }
        }
    }

    private static void clear(double[] v) {
        for (int e = 0; e < v.length; e++) {
            v[e] = 0;
        }
    }

    private double reduceSum() {
        double s = 0;
        for (int p = 0; p < parts; p++) {
            s += partSums[p];
        }
        return s;
    }

    /** Adds the ranges' gradient and (when hessOut is not null) Hessian entries in range order. */
    private void reduceDerivatives(int kk, double[] gradOut, double[] hessOut) {
        for (int j = 0; j < kk; j++) {
            double g = 0;
            for (int p = 0; p < parts; p++) {
                g += acc[p][j];
            }
            gradOut[j] = g;
        }
        if (hessOut != null) {
            for (int j = 0; j < kk; j++) {
                for (int l = j; l < kk; l++) {
                    int at = kk + j * kk + l;
                    double h = 0;
                    for (int p = 0; p < parts; p++) {
                        h += acc[p][at];
                    }
                    hessOut[j * kk + l] = h;
                    hessOut[l * kk + j] = h;
                }
            }
        }
    }

    /** Adds the ranges' column sums in range order into sumsOut (length c). */
    private void reduceSums(double[] sumsOut) {
        for (int o = 0; o < outputs; o++) {
            double s = 0;
            for (int p = 0; p < parts; p++) {
                s += acc[p][o];
            }
            sumsOut[o] = s;
        }
    }
}
