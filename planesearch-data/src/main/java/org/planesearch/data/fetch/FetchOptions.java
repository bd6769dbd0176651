package org.planesearch.data.fetch;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@link DatasetFetcher} fetches.
 *
 * @param cacheDir the cache folder (default {@code data-cache} under the working directory,
 *     which git ignores); each set goes into a sub-folder named by its id
 * @param npm the npm command (default "npm")
 * @param aptGet the apt-get command (default "apt-get")
 * @param dpkgDeb the dpkg-deb command (default "dpkg-deb")
 * @param timeout the longest one external command may run (default 10 minutes)
 */
public record FetchOptions(Path cacheDir, String npm, String aptGet, String dpkgDeb, Duration timeout) {

    /** Validates: no nulls or blank commands, a positive timeout. */
    public FetchOptions {
        if (cacheDir == null || npm == null || aptGet == null || dpkgDeb == null || timeout == null) {
            throw new IllegalArgumentException("cacheDir, commands and timeout must not be null");
        }
        if (npm.isBlank() || aptGet.isBlank() || dpkgDeb.isBlank()) {
            throw new IllegalArgumentException("commands must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** {@code data-cache}, the standard command names, 10 minutes. */
    public static FetchOptions defaults() {
        return new FetchOptions(Path.of("data-cache"), "npm", "apt-get", "dpkg-deb", Duration.ofMinutes(10));
    }

    /** A copy with another cache folder. */
    public FetchOptions withCacheDir(Path newCacheDir) {
        return new FetchOptions(newCacheDir, npm, aptGet, dpkgDeb, timeout);
    }

    /** A copy with other command names (for tests, or tools outside the PATH). */
    public FetchOptions withCommands(String newNpm, String newAptGet, String newDpkgDeb) {
        return new FetchOptions(cacheDir, newNpm, newAptGet, newDpkgDeb, timeout);
    }
}
