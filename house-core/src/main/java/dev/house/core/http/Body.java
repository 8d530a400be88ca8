package dev.house.core.http;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a response carries after its headers: nothing, bytes in memory, a region of a file
 * (streamed from disk, never loaded whole), or a stream left open for later chunks.
 */
public sealed interface Body {

    /** The byte count when known up front, or -1 for a stream. */
    long length();

    Body EMPTY = new Bytes(new byte[0]);

    /** A body held in memory. */
    record Bytes(byte[] bytes) implements Body {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** {@code length} bytes of a file from {@code offset}, sent without loading the file into memory. */
    record FileRegion(Path path, long offset, long length) implements Body {
        public FileRegion {
            Objects.requireNonNull(path, "path");
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("offset and length must not be negative");
            }
        }
    }

    /** A body of unknown length: chunked on HTTP/1.1, close-delimited on HTTP/1.0. */
    record Stream(StreamHandler handler) implements Body {
        public Stream {
            Objects.requireNonNull(handler, "handler");
        }

        @Override
        public long length() {
            return -1;
        }
    }
}
