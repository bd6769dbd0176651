package org.planesearch.data.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.planesearch.data.DataTestSupport;
import org.planesearch.data.Dataset;

/** Any sparse matrix written in LIBSVM text reads back exactly (values round-trip through decimal). */
class LibsvmRoundTripProperties {

    @Property(tries = 60)
    void randomSparseMatricesRoundTripExactly(@ForAll @IntRange(min = 1, max = 30) int rows,
            @ForAll @IntRange(min = 1, max = 40) int cols, @ForAll long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][cols];
        double[] labels = new double[rows];
        StringBuilder text = new StringBuilder();
        int maxIndex = 0;
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(5) - 2;
            text.append(labels[i] > 0 && random.nextBoolean() ? "+" : "").append((long) labels[i]);
            for (int j = 0; j < cols; j++) {
                if (random.nextInt(3) == 0) {
                    x[i][j] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-5, 6));
                    text.append(random.nextBoolean() ? " " : "\t").append(j + 1).append(':').append(x[i][j]);
                    maxIndex = Math.max(maxIndex, j + 1);
                }
            }
            text.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (Dataset d = LibsvmReader.read(new ByteArrayInputStream(bytes), "random",
                LibsvmOptions.defaults().withNumFeatures(cols))) {
            assertEquals(rows, d.rows());
            assertEquals(cols, d.cols());
            assertArrayEquals(x, DataTestSupport.toArray(d.features()));
            assertArrayEquals(labels, d.labels().values());
        }
        if (maxIndex > 0) {
            try (Dataset d = LibsvmReader.read(new ByteArrayInputStream(bytes), "random", LibsvmOptions.defaults())) {
                assertEquals(maxIndex, d.cols());
            }
        }
    }
}
