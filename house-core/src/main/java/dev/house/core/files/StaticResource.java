package dev.house.core.files;

import dev.house.core.http.Body;
import java.io.IOException;

/** A file found by a {@link FileSource}: its size and modification time, and how to send it. */
interface StaticResource {

    /** Size in bytes. */
    long length();

    /** Last modification in epoch milliseconds, or 0 when unknown. */
    long lastModified();

    /** The response body; a file region for anything on disk, so it is never loaded whole. */
    Body body() throws IOException;
}
