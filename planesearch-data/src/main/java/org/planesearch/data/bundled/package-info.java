/**
 * Small real datasets shipped as resources under {@code org/planesearch/data/bundled/} (sources
 * and licences in {@code SOURCE.md} there), loaded by name with
 * {@link org.planesearch.data.bundled.BundledDatasets}.
 */
package org.planesearch.data.bundled;
