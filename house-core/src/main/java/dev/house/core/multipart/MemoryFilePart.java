package dev.house.core.multipart;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * An uploaded file small enough to stay in memory: a view of the request body's bytes, so
 * keeping it costs no copy.
 */
final class MemoryFilePart implements FilePart {
    private final String name;
    private final String filename;
    private final String contentType;
    private final byte[] body;
    private final int offset;
    private final int length;

    MemoryFilePart(String name, String filename, String contentType, byte[] body, int offset, int length) {
        this.name = name;
        this.filename = filename;
        this.contentType = contentType;
        this.body = body;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String filename() {
        return filename;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(body, offset, length);
    }

    @Override
    public String toString() {
        return "FilePart[" + name + ", " + length + " bytes in memory]";
    }
}
