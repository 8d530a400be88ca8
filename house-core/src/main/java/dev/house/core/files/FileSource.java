package dev.house.core.files;

import java.io.IOException;

/** Where static files come from: a directory or a classpath location. */
interface FileSource {

    /**
     * The regular file at {@code relativePath} (segments separated by {@code /}, already checked
     * to contain no empty, dot or dot-dot segments), or {@code null} when there is none, it is a
     * directory, or it lies outside the source's root.
     */
    StaticResource find(String relativePath) throws IOException;
}
