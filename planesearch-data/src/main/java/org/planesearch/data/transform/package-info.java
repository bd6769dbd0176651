/**
 * Transforms fitted on training data and applied unchanged elsewhere:
 * {@link org.planesearch.data.transform.Standardizer} (centre and scale; scale only for sparse
 * data) and {@link org.planesearch.data.transform.TrainTestSplit} (seeded, optionally
 * stratified). Results are new datasets; inputs are never modified.
 */
package org.planesearch.data.transform;
