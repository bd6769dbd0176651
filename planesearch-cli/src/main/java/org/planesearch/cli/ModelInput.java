package org.planesearch.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.planesearch.data.Dataset;
import org.planesearch.data.transform.Standardizer;

/**
 * A saved model and the data to apply it to, read as the model needs: LIBSVM rows padded to the
 * model's width (wider rows are an error at their line), other formats checked for exactly that
 * width, and the stored standardizer applied. Owns the dataset: {@link #close()}.
 */
final class ModelInput implements AutoCloseable {

    final ModelFile model;
    final DataLoader.Loaded source;
    final Dataset data;

    private ModelInput(ModelFile model, DataLoader.Loaded source, Dataset data) {
        this.model = model;
        this.source = source;
        this.data = data;
    }

    /**
     * Reads the model, then the data.
     *
     * @param labelsOptional whether CSV data may lack a label column (predict)
     */
    static ModelInput read(Path modelFile, DataSpec spec, boolean labelsOptional) throws IOException {
        ModelFile model = ModelFile.read(modelFile);
        Standardizer standardizer = model.standardizer();
        DataLoader.Needs needs = new DataLoader.Needs(model.model().features(),
                standardizer != null && standardizer.centers(), labelsOptional, model.defaultLabelColumn(),
                model.featureNames());
        DataLoader.Loaded loaded = DataLoader.load(spec, needs);
        Dataset data = loaded.dataset();
        if (standardizer != null) {
            try {
                Dataset scaled = standardizer.apply(data);
                data.close();
                data = scaled;
            } catch (IOException | RuntimeException e) {
                data.close();
                throw e;
            }
        }
        return new ModelInput(model, loaded, data);
    }

    @Override
    public void close() {
        data.close();
    }
}
