package org.planesearch.data.fetch;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Extracts named entries from a .tgz (the ustar layout npm pack writes) without an external tar.
 * Only the entries asked for are written, each to the path given for it, so names in the archive
 * can never place a file elsewhere.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * Extracts the wanted entries.
     *
     * @param wanted archive entry name → destination file; not modified
     * @return the entry names found and written
     */
    static Set<String> extract(Path tgz, Map<String, Path> wanted) throws IOException {
        Set<String> found = new HashSet<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            while (true) {
                if (in.readNBytes(header, 0, BLOCK) < BLOCK || isZero(header)) {
                    return found;
                }
                String name = field(header, 0, 100);
                if ("ustar".equals(field(header, 257, 6).trim())) {
                    String prefix = field(header, 345, 155);
                    if (!prefix.isEmpty()) {
                        name = prefix + "/" + name;
                    }
                }
                long size = octal(header, 124, 12, tgz);
                char type = (char) header[156];
                Path target = wanted.get(name);
                if (target != null && (type == '0' || type == 0)) {
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size, tgz);
                    }
                    found.add(name);
                } else {
                    skip(in, size, tgz);
                }
                skip(in, (BLOCK - size % BLOCK) % BLOCK, tgz);
            }
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len, Path tgz) throws IOException {
        String s = field(h, off, len).trim();
        if (s.isEmpty() || !s.matches("[0-7]+")) {
            throw new IOException(tgz + ": unsupported tar entry size field '" + s + "'");
        }
        return Long.parseLong(s, 8);
    }

    private static void copy(InputStream in, OutputStream out, long size, Path tgz) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException(tgz + ": archive ends inside an entry");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    private static void skip(InputStream in, long n, Path tgz) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException(tgz + ": archive ends inside an entry");
                }
                s = 1;
            }
            left -= s;
        }
    }
}
