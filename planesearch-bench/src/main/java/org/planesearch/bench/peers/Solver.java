package org.planesearch.bench.peers;

import org.planesearch.bench.problems.LinearProblem;

/**
 * A way to minimise a problem's objective, run against the targets within a time budget: one of
 * Planesearch's methods or an adapter to another library. Implementations count data passes and
 * measure seconds from the start of their optimisation (data conversion and library start-up
 * excluded), and evaluate OUR objective at the solutions they report.
 */
public interface Solver {

    /** The row's name. */
    String name();

    /** True for another library. */
    boolean peer();

    /**
     * Runs on the problem until every target is reached or the budget is spent.
     *
     * @param budgetSeconds the wall-time budget of one run (a solver whose run cannot be
     *     interrupted sizes its iteration cap from a short timed run)
     */
    SolverReport solve(LinearProblem p, Targets targets, double budgetSeconds) throws Exception;
}
