package org.planesearch.models.network;

import org.planesearch.core.layout.ParameterLayout;
import org.planesearch.core.linalg.BatchMatrix;
import org.planesearch.core.linalg.DataMatrix;
import org.planesearch.core.objective.Objective;
import org.planesearch.core.stochastic.BatchObjective;

/**
 * A {@link NetworkModel}'s objective on X (n×d) with targets y, restricted to mini-batches: each
 * batch is a {@link NetworkObjective} on the batch's rows (mean loss over them plus the same
 * (λ/2)Σ‖Wₗ‖²), with every product of the full objective (gradient, Hessian-vector,
 * Gauss–Newton-vector, layer curvatures, subspace evaluators).
 *
 * <p>One batch objective is kept per batch size (at most two in a run: the batch size and the
 * epoch's last, smaller batch): its {@link BatchMatrix} and targets are refilled in place, so a
 * step allocates nothing. Holds the data by reference. Not thread-safe; a returned batch
 * objective is valid until the next {@link #batch} call.
 */
public final class NetworkBatches implements BatchObjective {

    private final NetworkModel model;
    private final DataMatrix x;
    private final NetworkObjective full;
    private final double[] targets;
    private final int targetsPerRow;
    private Slot first;
    private Slot second;

    /**
     * @param model the network
     * @param x the n×d inputs (by reference)
     * @param targets the targets in the loss's layout (validated as by {@link NetworkModel#objective})
     * @param lambda the L2 penalty on the weights
     */
    public NetworkBatches(NetworkModel model, DataMatrix x, double[] targets, double lambda) {
        this.model = model;
        this.x = x;
        this.full = model.objective(x, targets, lambda);
        this.targets = full.targets();
        this.targetsPerRow = (int) (model.loss().targetCount(1, model.outputs()));
    }

    /** The network. */
    public NetworkModel model() {
        return model;
    }

    @Override
    public ParameterLayout layout() {
        return model.layout();
    }

    @Override
    public int examples() {
        return x.rows();
    }

    @Override
    public NetworkObjective batch(int[] order, int from, int count) {
        if (count < 1 || from < 0 || from + count > order.length) {
            throw new IllegalArgumentException("batch rows [" + from + ", " + (from + count) + ") out of an order of length "
                    + order.length);
        }
        Slot slot = slot(count);
        slot.matrix.gather(x, order, from);
        for (int i = 0; i < count; i++) {
            System.arraycopy(targets, order[from + i] * targetsPerRow, slot.targets, i * targetsPerRow, targetsPerRow);
        }
        slot.objective.dataChanged();
        return slot.objective;
    }

    @Override
    public Objective full() {
        return full;
    }

    @Override
    public void close() {
        for (Slot s : new Slot[] {first, second}) {
            if (s != null) {
                s.matrix.close();
            }
        }
        first = null;
        second = null;
    }

    private Slot slot(int count) {
        if (first != null && first.rows == count) {
            return first;
        }
        if (second != null && second.rows == count) {
            return second;
        }
        Slot s = new Slot(count);
        if (first == null) {
            first = s;
        } else {
            if (second != null) {
                second.matrix.close();
            }
            second = s;
        }
        return s;
    }

    private final class Slot {
        final int rows;
        final BatchMatrix matrix;
        final double[] targets;
        final NetworkObjective objective;

        Slot(int rows) {
            this.rows = rows;
            this.matrix = new BatchMatrix(rows, x.cols());
            this.targets = new double[rows * targetsPerRow];
            this.objective = new NetworkObjective(model, matrix, this.targets, full.lambda());
        }
    }
}
