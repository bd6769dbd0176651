package org.planesearch.data.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.planesearch.data.DataFormatException;

/**
 * Reads UTF-8 text line by line from bytes, counting lines, with a bound on line length so that
 * a file without newlines cannot exhaust memory. Strips "\n", "\r\n" and a leading byte-order
 * mark. Rejects NUL bytes and invalid UTF-8 with a message that suggests a binary file.
 */
final class TextLines implements Closeable {

    /** The longest line accepted, in bytes. */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final InputStream in;
    private final String name;
    private final byte[] buf = new byte[InputFiles.BUFFER];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int len;
    private long lineNumber;
    private long bytesRead;
    private boolean eof;

    TextLines(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        if (eof) {
            return null;
        }
        len = 0;
        boolean any = false;
        boolean ascii = true;
        while (true) {
            if (pos >= limit) {
                int r = in.read(buf, 0, buf.length);
                if (r <= 0) {
                    eof = true;
                    if (!any) {
                        return null;
                    }
                    break;
                }
                bytesRead += r;
                pos = 0;
                limit = r;
            }
            any = true;
            int start = pos;
            int i = start;
            while (i < limit && buf[i] != '\n') {
                byte b = buf[i];
                if (b <= 0) {
                    if (b == 0) {
                        throw new DataFormatException(name, lineNumber + 1, 0,
                                "contains a NUL byte: this looks like a binary file, not text");
                    }
                    ascii = false;
                }
                i++;
            }
            append(start, i - start);
            if (i < limit) {
                pos = i + 1;
                break;
            }
            pos = limit;
        }
        lineNumber++;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        int from = 0;
        if (lineNumber == 1 && len >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
            from = 3;
        }
        if (ascii) {
            return new String(line, from, len - from, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, from, len - from)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(name, lineNumber, 0, "is not valid UTF-8 text (a binary file, or text in another encoding such as Latin-1 that should be converted to UTF-8?)");
        }
    }

    /** The 1-based number of the line last returned (0 before the first). */
    long lineNumber() {
        return lineNumber;
    }

    /** Bytes read so far (after decompression); 0 at the end means the file is empty. */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void append(int from, int n) throws DataFormatException {
        if ((long) len + n > MAX_LINE_BYTES) {
            throw new DataFormatException(name, lineNumber + 1, 0, "line is longer than " + (MAX_LINE_BYTES >> 20)
                    + " MiB; is this really a text data file?");
        }
        if (len + n > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(MAX_LINE_BYTES, Math.max((long) line.length * 2, len + n)));
        }
        System.arraycopy(buf, from, line, len, n);
        len += n;
    }
}
