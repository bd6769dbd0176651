package org.planesearch.cli;

import picocli.CommandLine.Option;

/**
 * The flags of mini-batch training ({@code train --batch-size B …}): with {@code --batch-size}
 * the run is a {@link MiniBatchRun}; without it these flags are errors.
 */
final class MiniBatchOptions {

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Train on mini-batches of B rows (networks): the method is then a mini-batch method, "
                    + "e.g. heavyball+layerwise, adamw+layerwise, gd+adagradnorm[:per-layer], gd+armijo, adam+salsa, gd+ps, "
                    + "heavyball+fixed. Without it, training is full-batch.")
    Integer batchSize;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs of mini-batch training (default 10).")
    Integer epochs;

    @Option(names = "--weight-decay", paramLabel = "W",
            description = "Decoupled weight decay (mini-batch fixed and layer-wise rules, e.g. adamw+layerwise; default 0).")
    Double weightDecay;

    @Option(names = "--curvature", paramLabel = "KIND",
            description = "Layer-wise rules: the curvature of each layer's step: auto (default), gauss-newton, fisher, hessian.")
    String curvature;

    @Option(names = "--averaging", paramLabel = "BETA",
            description = "Layer-wise rules and mini-batch lo/ps/so: the averaging of the curvature model over batches (default 0.9).")
    Double averaging;

    @Option(names = "--max-rate", paramLabel = "R", description = "Layer-wise rules: the largest step of any layer (default 10).")
    Double maxRate;

    @Option(names = "--evaluate-every", paramLabel = "E",
            description = "Mini-batch training: evaluate the full training objective and the test set every E epochs (default 1).")
    Integer evaluateEvery;

    /** Whether the run is a mini-batch run. */
    boolean active() {
        return batchSize != null;
    }

    /** A mini-batch flag given without --batch-size is an error. */
    void rejectWithoutBatchSize() {
        String given = epochs != null ? "--epochs" : weightDecay != null ? "--weight-decay" : curvature != null ? "--curvature"
                : averaging != null ? "--averaging" : maxRate != null ? "--max-rate" : evaluateEvery != null ? "--evaluate-every" : null;
        if (given != null) {
            throw new UserError(given + " applies to mini-batch training only (give --batch-size)");
        }
    }
}
