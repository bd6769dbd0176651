package org.planesearch.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.planesearch.cli.report.OutputNames;

/**
 * Writes a run's output (a folder, or one file) so that it never looks complete when it is not:
 * everything goes to a hidden staging path next to the target ({@code .NAME.partial-…}), which is
 * moved into place only by {@link #commit()}. {@link #close()} without a commit deletes the
 * staging path and any parent folders that {@link #open} created, so a failed run leaves nothing
 * behind (an existing target is left as it was). A shutdown hook does the same when the program
 * is interrupted (Ctrl-C) before the commit.
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final boolean folder;
    private final List<Path> createdParents;
    private final Thread cleanup;
    private boolean committed;

    private AtomicOutput(Path target, Path staging, boolean folder, List<Path> createdParents) {
        this.target = target;
        this.staging = staging;
        this.folder = folder;
        this.createdParents = createdParents;
        this.cleanup = new Thread(this::discardQuietly, "planesearch-output-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Opens a staging folder for the folder {@code target}; refuses a target that exists and is
     * not an empty folder unless {@code overwrite}. Even with {@code overwrite}, a folder that
     * holds anything but the files this program writes there ({@code ownFiles}) is refused, so
     * that a slip such as {@code --out . --force} cannot delete a user's files. An entry
     * {@code "NAME/"} in {@code ownFiles} names a folder the program writes there (a report).
     *
     * @param flag the option that named the target, for messages (e.g. "--out")
     * @param ownFiles the names of the files a run writes into the folder
     */
    static AtomicOutput openFolder(Path target, boolean overwrite, String flag, List<String> ownFiles) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new UserError(flag + " " + target + ": exists and is not a folder");
            }
            if (!overwrite && !isEmpty(abs)) {
                throw new UserError(flag + " " + target + ": folder exists and is not empty (add --force to replace it; --overwrite is the same)");
            }
            if (overwrite) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(abs)) {
                    for (Path c : s) {
                        String name = c.getFileName().toString();
                        boolean ownFile = ownFiles.contains(name)
                                && Files.isRegularFile(c, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                        boolean ownFolder = ownFiles.contains(name + "/")
                                && Files.isDirectory(c, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                        if (!ownFile && !ownFolder) {
                            throw new UserError(flag + " " + target + ": folder holds '" + name + "', which is not a file "
                                    + "planesearch writes there; refusing to replace it (choose an empty or new folder)");
                        }
                    }
                }
            }
        }
        List<Path> created = createParents(abs.getParent(), flag, target);
        Path staging = stagingPath(abs);
        Files.createDirectory(staging);
        return new AtomicOutput(abs, staging, true, created);
    }

    /**
     * Opens a staging file for the file {@code target}; refuses a target that exists unless
     * {@code overwrite}, and always one that is a folder.
     */
    static AtomicOutput openFile(Path target, boolean overwrite, String flag) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new UserError(flag + " " + target + ": is a folder; give a file name");
        }
        if (Files.exists(abs) && !overwrite) {
            throw new UserError(flag + " " + target + ": file exists (add --force to replace it; --overwrite is the same)");
        }
        List<Path> created = createParents(abs.getParent(), flag, target);
        Path staging = stagingPath(abs);
        Files.createFile(staging);
        return new AtomicOutput(abs, staging, false, created);
    }

    /**
     * Where to write a file named {@code name} before the commit (folder outputs): inside the
     * staging folder, never outside it ({@link OutputNames#inside}: an absolute name or one that
     * climbs out with {@code ..} is refused).
     */
    Path file(String name) {
        if (!folder) {
            throw new IllegalStateException("a file output has no member files");
        }
        try {
            return OutputNames.inside(staging, name);
        } catch (IllegalArgumentException e) {
            throw new UserError("refusing to write '" + name + "' into " + target + ": the name leaves the output folder");
        }
    }

    /** The staging folder, where the output's files go before the commit (folder outputs). */
    Path folder() {
        if (!folder) {
            throw new IllegalStateException("a file output has no folder");
        }
        return staging;
    }

    /** Where to write the file before the commit (file outputs). */
    Path file() {
        if (folder) {
            throw new IllegalStateException("a folder output has member files, not one file");
        }
        return staging;
    }

    /** Moves the staged output into place, replacing the target. */
    void commit() throws IOException {
        if (folder && Files.exists(target)) {
            deleteTree(target);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** The target, absolute. */
    Path target() {
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) the same cleanup
        }
        discard();
    }

    private synchronized void discard() throws IOException {
        if (committed) {
            return;
        }
        if (Files.exists(staging)) {
            deleteTree(staging);
        }
        for (Path p : createdParents) {
            if (Files.isDirectory(p) && isEmpty(p)) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void discardQuietly() {
        try {
            discard();
        } catch (IOException e) {
            // best effort while the JVM exits; the leftover is a hidden ".partial-" path
        }
    }

    /**
     * A fresh hidden name next to the target. (Not Files.createTemp*, which would give the output
     * owner-only permissions instead of the user's umask.)
     */
    private static Path stagingPath(Path target) {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 100; i++) {
            Path p = target.resolveSibling("." + target.getFileName() + ".partial-" + Long.toString(r.nextLong() >>> 1, 36));
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
        throw new IllegalStateException("no free staging name next to " + target);
    }

    /** Creates the missing parents of a target; returns those created, deepest first. */
    private static List<Path> createParents(Path parent, String flag, Path target) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UserError(flag + " " + target + ": " + parent + " is not a folder");
        }
        try {
            Files.createDirectories(parent);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new UserError(flag + " " + target + ": " + e.getFile() + " is not a folder");
        }
        return missing;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                for (Path c : s) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
