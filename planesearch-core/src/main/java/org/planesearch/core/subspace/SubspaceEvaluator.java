package org.planesearch.core.subspace;

import org.planesearch.core.objective.SubspaceObjective;

/**
 * The evaluation state of one optimization run: it tracks the current iterate x together with
 * everything cached about it (for a linear-composition model the image z = Xx; for a network the
 * layer activations), and the last few accepted steps with their images. It is what makes a
 * precise step cost about as much as a fixed one.
 *
 * <p>Protocol, once per run and then once per iteration:
 * <pre>
 *   f = ev.start(x, g);                       // full evaluation at x₀: f and ∇f
 *   loop:
 *     fill a Subspace with [d, previous steps …]
 *     ψ = ev.restrict(subspace);              // one pass per fresh column (X·D)
 *     t = search(ψ)                           // O(n·k) per trial for SO-friendly models
 *     f = ev.move(t, x, g);                   // x ← x + D t, Xx ← Xx + (XD) t, ∇f: one pass
 * </pre>
 * {@code move} must use the subspace of the last {@code restrict}. After {@code move}, the step
 * D t (and its image) is recorded as previous step lag 1, the earlier ones shift, and at most
 * {@link #stepMemory()} are kept. A generic implementation evaluates f in full; a model's own
 * implementation exploits its structure. Counters are in {@link #counts()}.
 *
 * <p>Created by {@code Objective.newEvaluator}; owns all buffers, allocated up front. Not
 * thread-safe; never shared between runs.
 */
public interface SubspaceEvaluator {

    /** Largest number of subspace columns {@link #restrict} accepts. */
    int maxDirections();

    /** How many previous steps are kept. */
    int stepMemory();

    /** How many previous steps are available now (0 right after {@link #start}). */
    int availableSteps();

    /** The previous step with the given lag, in parameter space. Not to be modified. */
    double[] previousStep(int lag);

    /**
     * Sets the current iterate to x (copied), clears the step history and returns f(x), writing
     * ∇f(x) into gradOut. x: not modified. gradOut: modified.
     */
    double start(double[] x, double[] gradOut);

    /** f at the current iterate. */
    double currentValue();

    /**
     * ψ(t) = f(x + D t) over the given subspace at the current iterate. Previous-step columns
     * must have lag ≤ {@link #availableSteps()}. The returned object is valid until the next
     * call of {@code restrict}, {@code move} or {@code start}, and reads the subspace's vectors
     * by reference.
     */
    SubspaceObjective restrict(Subspace subspace);

    /**
     * Accepts the step t of the last restriction: writes x + D t into xOut (the new current
     * iterate), ∇f there into gradOut, and returns f there. t: not modified.
     */
    double move(double[] t, double[] xOut, double[] gradOut);

    /** Cost counters since creation. */
    EvaluationCounts counts();

    /**
     * True when ψ, ∇ψ, ∇²ψ cost O(n·k) after the images (the SO-friendly case), false when each
     * evaluation of ψ is a full evaluation of f. Reported in results.
     */
    boolean isCheap();
}
