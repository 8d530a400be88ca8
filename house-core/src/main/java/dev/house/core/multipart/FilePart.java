package dev.house.core.multipart;

import java.io.IOException;
import java.io.InputStream;

/** One uploaded file of a multipart form: its field name, client file name, type and content. */
public interface FilePart {
    String name();

    /** The file name the client sent (untrusted: never use it as a path). */
    String filename();

    String contentType();

    long size();

    InputStream open() throws IOException;
}
