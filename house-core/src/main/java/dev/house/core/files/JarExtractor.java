package dev.house.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies large classpath resources (jar entries) to temporary files once, so they can be
 * streamed from disk like any file instead of being held in memory. A copy is keyed by the
 * resource URL, size and time, so a changed entry is extracted again. Copies live in one
 * temporary directory and are deleted on JVM exit; there are only as many as the application
 * has large assets.
 */
final class JarExtractor {
    /** Opens the resource's content. */
    interface Opener {
        InputStream open() throws IOException;
    }

    private final ConcurrentHashMap<String, Path> extracted = new ConcurrentHashMap<>();
    private volatile Path directory;

    Path extract(URL url, long size, long modified, Opener opener) throws IOException {
        String key = url + "|" + size + "|" + modified;
        Path existing = extracted.get(key);
        if (existing != null && Files.isRegularFile(existing)) {
            return existing;
        }
        try {
            // compute() serialises concurrent first requests for one entry, so it is copied once.
            return extracted.compute(key, (k, old) -> {
                if (old != null && Files.isRegularFile(old)) {
                    return old;
                }
                try {
                    return copy(opener);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Path copy(Opener opener) throws IOException {
        Path file = Files.createTempFile(directory(), "asset-", ".bin");
        file.toFile().deleteOnExit();
        try (InputStream in = opener.open()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private Path directory() throws IOException {
        Path dir = directory;
        if (dir == null) {
            synchronized (this) {
                dir = directory;
                if (dir == null) {
                    dir = Files.createTempDirectory("house-static-");
                    // Registered before its files, so deleteOnExit removes them first, then it.
                    dir.toFile().deleteOnExit();
                    directory = dir;
                }
            }
        }
        return dir;
    }
}
