package dev.house.core.multipart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of spilled uploads that still exist, so a shutdown hook can delete them
 * when the JVM exits. Unlike {@code File.deleteOnExit}, whose list only grows, a file leaves this
 * set when it is deleted, so a long-running server does not accumulate entries.
 */
final class TempUploads {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempUploads::deleteAll, "house-upload-cleanup"));
    }

    private TempUploads() {
    }

    /** Creates a temporary file in {@code directory} (the system default when {@code null}) and tracks it. */
    static Path create(Path directory) throws IOException {
        Path file = directory == null
                ? Files.createTempFile("house-upload-", ".part")
                : Files.createTempFile(directory, "house-upload-", ".part");
        LIVE.add(file);
        return file;
    }

    /** Deletes a tracked file, ignoring one already gone. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: the shutdown hook tries again.
            return;
        }
        LIVE.remove(file);
    }

    static int liveCount() {
        return LIVE.size();
    }

    private static void deleteAll() {
        for (Path file : LIVE) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // nothing more to do at exit
            }
        }
    }
}
