package org.planesearch.data.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.planesearch.data.DataFormatException;

/**
 * Opens data files: checks that the path is a readable regular file (one clear error otherwise),
 * and decompresses gzip transparently when the content starts with the gzip magic bytes
 * (whatever the file is called). Corrupt or truncated gzip data becomes a
 * {@link DataFormatException} naming the file.
 */
final class InputFiles {

    static final int BUFFER = 1 << 16;

    private InputFiles() {
    }

    /** Opens a file for reading, gunzipping if needed. name: how messages call the file. */
    static InputStream open(Path path, String name) throws IOException {
        if (Files.isDirectory(path)) {
            throw new DataFormatException(name, "is a directory, not a data file");
        }
        InputStream raw;
        try {
            raw = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new DataFormatException(name, "cannot be read (permission denied)", e);
        }
        return decompressIfGzip(raw, name);
    }

    /** Wraps a stream, gunzipping it if it starts with the gzip magic bytes 1f 8b. */
    static InputStream decompressIfGzip(InputStream raw, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new Guarded(new GZIPInputStream(in, BUFFER), name);
            } catch (ZipException | EOFException e) {
                in.close();
                throw gzipError(name, e);
            }
        }
        return in;
    }

    private static DataFormatException gzipError(String name, IOException e) {
        return new DataFormatException(name, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
    }

    /** Turns the gzip layer's low-level exceptions into one clear message. */
    private static final class Guarded extends FilterInputStream {
        private final String name;

        Guarded(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw gzipError(name, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw gzipError(name, e);
            }
        }
    }
}
