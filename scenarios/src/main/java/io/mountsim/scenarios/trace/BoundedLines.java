package io.mountsim.scenarios.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a stream, read one at a time with a bounded buffer: a log of any size is
 * read in constant memory, and a line longer than the limit is reported as such (its
 * bytes are skipped), never held. Lines end with LF; a CR before it is dropped. Bytes that
 * are not UTF-8 become U+FFFD, so a binary line is malformed, not an exception.
 */
final class BoundedLines {
    /** One line: its text (empty when too long), and whether it exceeded the limit. */
    record Line(String text, boolean tooLong) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[256];

    BoundedLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? finish(length, tooLong) : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (!tooLong) {
                if (length + chunk > maxLineBytes) {
                    tooLong = true;
                } else {
                    if (length + chunk > line.length) {
                        line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + chunk)));
                    }
                    System.arraycopy(buffer, start, line, length, chunk);
                    length += chunk;
                }
            }
            if (position < limit) {
                position++; // the LF
                return finish(length, tooLong);
            }
        }
    }

    private Line finish(int length, boolean tooLong) {
        if (tooLong) {
            return new Line("", true);
        }
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new Line(new String(line, 0, end, StandardCharsets.UTF_8), false);
    }
}
