/** Plots and small formatting helpers shared by the peer comparison and the paper's protocol. */
package org.planesearch.bench.report;
