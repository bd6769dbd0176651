package org.planesearch.data.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.planesearch.data.LabelTask;

class DataFormatTest {

    @ParameterizedTest
    @CsvSource({"train.csv, CSV", "data/x.tsv.gz, CSV", "heart_scale, LIBSVM", "a9a.t, LIBSVM",
        "agaricus.txt.train, LIBSVM", "rcv1.svm.gz, LIBSVM", "train-images-idx3-ubyte.gz, IDX",
        "t10k-labels-idx1-ubyte, IDX", "weights.idx3, IDX"})
    void guessesTheFormatFromTheFileName(String name, DataFormat format) {
        assertEquals(Optional.of(format), DataFormat.fromFileName(name));
    }

    @Test
    void unknownExtensionsAreNotGuessed() {
        assertEquals(Optional.empty(), DataFormat.fromFileName("model.json"));
        assertEquals(Optional.empty(), DataFormat.fromFileName("data.arff"));
    }

    @Test
    void idsParseIgnoringCase() {
        assertEquals(DataFormat.CSV, DataFormat.parse("CSV"));
        assertEquals(LabelTask.MULTICLASS, LabelTask.parse("multiclass"));
        assertThrows(IllegalArgumentException.class, () -> DataFormat.parse("arff"));
        assertThrows(IllegalArgumentException.class, () -> LabelTask.parse("ranking"));
    }
}
