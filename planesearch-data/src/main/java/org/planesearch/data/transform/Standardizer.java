package org.planesearch.data.transform;

import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.data.DataFormatException;
import org.planesearch.data.Dataset;

/**
 * Per-feature standardization x_j ← (x_j − μ_j) / σ_j, fitted on training data and applied
 * unchanged to any other data (validation, test, a single row to predict).
 *
 * <ul>
 *   <li>μ_j is the column mean and σ_j the population standard deviation (divisor n, as
 *       scikit-learn's {@code StandardScaler}); a constant column gets σ_j = 1, so it is only
 *       centred (to 0).
 *   <li>Dense data is centred and scaled. Sparse data is by default only scaled (μ_j is taken as
 *       0, σ_j is still the standard deviation about the mean): centring would fill in every zero
 *       and destroy the sparsity. Applying a centring standardizer to sparse data is an error.
 *   <li>{@link #means()} and {@link #scales()} are what a model file stores;
 *       {@link #of(double[], double[])} rebuilds the same transform from them.
 * </ul>
 *
 * <p>Fitting and applying read rows through {@link DataMatrix#row}: O(n·d) time and O(d) extra
 * memory, sparse matrices included. Immutable and thread-safe.
 */
public final class Standardizer {

    private final double[] means;
    private final double[] scales;
    private final boolean centers;

    private Standardizer(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
        boolean c = false;
        for (double m : means) {
            c |= m != 0;
        }
        this.centers = c;
    }

    /** Fits on training data: centres and scales dense data, only scales sparse data. */
    public static Standardizer fit(Dataset train) throws DataFormatException {
        return fit(train, train.storage().isDense());
    }

    /**
     * Fits on training data.
     *
     * @param center whether to subtract the column means (false: scale only)
     * @throws DataFormatException if the data has no rows or a column's spread overflows a double
     */
    public static Standardizer fit(Dataset train, boolean center) throws DataFormatException {
        int n = train.rows();
        int d = train.cols();
        if (n == 0) {
            throw new DataFormatException(train.name(), "has no rows to fit a standardizer on");
        }
        double[] mean = new double[d];
        double[] m2 = new double[d];
        double[] row = new double[d];
        DataMatrix x = train.features();
        for (int i = 0; i < n; i++) {
            x.row(i, row);
            double k = i + 1;
            for (int j = 0; j < d; j++) {
                // Welford: numerically stable running mean and sum of squared deviations.
                double delta = row[j] - mean[j];
                mean[j] += delta / k;
                m2[j] += delta * (row[j] - mean[j]);
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(m2[j] / n);
            if (!Double.isFinite(s) || !Double.isFinite(mean[j])) {
                throw new DataFormatException(train.name(), "feature " + DataFormatException.quote(train.featureName(j))
                        + " has values too large to standardize (its spread overflows a double)");
            }
            scale[j] = s == 0 ? 1.0 : s;
        }
        return new Standardizer(center ? mean : new double[d], scale);
    }

    /**
     * Rebuilds a standardizer from stored means and scales.
     *
     * @param means μ, finite (all zeros for a scale-only transform); not modified (copied)
     * @param scales σ, finite and positive, same length; not modified (copied)
     * @throws IllegalArgumentException if the arrays do not fit these rules
     */
    public static Standardizer of(double[] means, double[] scales) {
        if (means.length != scales.length) {
            throw new IllegalArgumentException("means has length " + means.length + " but scales has length "
                    + scales.length);
        }
        for (int j = 0; j < means.length; j++) {
            if (!Double.isFinite(means[j]) || !(scales[j] > 0) || !Double.isFinite(scales[j])) {
                throw new IllegalArgumentException("feature " + j + ": mean must be finite and scale finite and > 0, got "
                        + means[j] + " and " + scales[j]);
            }
        }
        return new Standardizer(means.clone(), scales.clone());
    }

    /** d, the number of features. */
    public int dimension() {
        return means.length;
    }

    /** True if some mean is non-zero (the transform centres). */
    public boolean centers() {
        return centers;
    }

    /** A copy of μ. */
    public double[] means() {
        return means.clone();
    }

    /** A copy of σ. */
    public double[] scales() {
        return scales.clone();
    }

    /**
     * Applies the transform: a new dataset with the same name, storage, labels and feature
     * names. The input is not modified and still owns its matrix (close it if no longer needed).
     *
     * @throws DataFormatException if the data has another number of features, or is sparse and
     *     this transform centres
     */
    public Dataset apply(Dataset data) throws DataFormatException {
        if (data.cols() != dimension()) {
            throw new DataFormatException(data.name(), "has " + data.cols() + " features, but the standardizer was "
                    + "fitted on " + dimension());
        }
        if (centers && !data.storage().isDense()) {
            throw new DataFormatException(data.name(), "is stored sparse, and centring would make it dense; "
                    + "use a scale-only standardizer (Standardizer.fit(train, false)) or dense storage");
        }
        return data.shiftAndScale(data.name(), centers ? means : null, scales);
    }

    /**
     * Applies the transform to one row in place.
     *
     * @param row length d; modified
     */
    public void applyToRow(double[] row) {
        if (row.length != means.length) {
            throw new IllegalArgumentException("row has length " + row.length + ", expected " + means.length);
        }
        for (int j = 0; j < row.length; j++) {
            row[j] = (row[j] - means[j]) / scales[j];
        }
    }

    @Override
    public String toString() {
        return "Standardizer[" + dimension() + " features, " + (centers ? "centre and scale" : "scale only") + "]";
    }
}
