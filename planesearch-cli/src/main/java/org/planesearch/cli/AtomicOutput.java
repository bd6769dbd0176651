package org.planesearch.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a run's output folder so that it never looks complete when it is not: files go to a
 * hidden staging folder next to the target, which is moved into place only by {@link #commit()}.
 * {@link #close()} without a commit deletes the staging folder, so a failed or interrupted run
 * leaves nothing behind (an existing target folder is left as it was).
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private AtomicOutput(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Opens a staging folder for {@code target}; refuses a target that exists and is not an empty folder unless overwrite. */
    static AtomicOutput open(Path target, boolean overwrite) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new UserError("--out " + target + ": exists and is not a folder");
            }
            if (!overwrite && !isEmpty(abs)) {
                throw new UserError("--out " + target + ": folder exists and is not empty (add --overwrite to replace it)");
            }
        }
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".partial-");
        return new AtomicOutput(abs, staging);
    }

    /** Where to write a file named {@code name} before the commit. */
    Path file(String name) {
        return staging.resolve(name);
    }

    /** Moves the staged files into the target folder. */
    void commit() throws IOException {
        if (Files.exists(target)) {
            deleteTree(target);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
        committed = true;
    }

    Path target() {
        return target;
    }

    @Override
    public void close() throws IOException {
        if (!committed && Files.exists(staging)) {
            deleteTree(staging);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                for (Path c : s) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
