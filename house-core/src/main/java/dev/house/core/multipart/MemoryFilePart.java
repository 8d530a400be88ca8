package dev.house.core.multipart;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * An uploaded file small enough to stay in memory: a view of the request body's bytes, so
 * keeping it costs no copy.
 */
final class MemoryFilePart extends UploadedPart {
    private final byte[] body;
    private final int offset;
    private final int length;

    MemoryFilePart(String name, String filename, String contentType, byte[] body, int offset, int length) {
        super(name, filename, contentType, length);
        this.body = body;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(body, offset, length);
    }

    @Override
    public String toString() {
        return "FilePart[" + name() + ", " + length + " bytes in memory]";
    }
}
