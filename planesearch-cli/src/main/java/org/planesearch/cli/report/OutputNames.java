package org.planesearch.cli.report;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a named output file goes inside an output folder, refusing any name that would place it
 * elsewhere: an absolute path, a {@code ..} that climbs out, an empty name, a NUL. Every file the
 * program writes into an output folder is placed through {@link #inside}, so no name (a plot's,
 * a report's, one derived from a flag) can escape the folder the user chose. Stateless.
 */
public final class OutputNames {

    private OutputNames() {
    }

    /**
     * {@code folder/name}, normalized, strictly inside {@code folder}.
     *
     * @param name a relative name such as {@code index.html} or {@code report/index.html}
     * @throws IllegalArgumentException if the name is absolute, empty, not a valid path, or
     *     leaves the folder
     */
    public static Path inside(Path folder, String name) {
        Path base = folder.toAbsolutePath().normalize();
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("output name '" + name + "' is not a valid file name", e);
        }
        Path resolved = base.resolve(relative).normalize();
        if (name.isEmpty() || relative.isAbsolute() || !resolved.startsWith(base) || resolved.equals(base)) {
            throw new IllegalArgumentException("output name '" + name + "' would leave the output folder " + folder);
        }
        return resolved;
    }
}
