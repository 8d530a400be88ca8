package dev.house.core.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded file larger than the memory threshold, written to a temporary file. The file is
 * deleted when its form is closed, when this part becomes unreachable (a {@link Cleaner} catches
 * forgotten forms), or at the latest when the JVM exits ({@link TempUploads}).
 */
final class SpilledFilePart implements FilePart {
    private static final class Holder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private final String name;
    private final String filename;
    private final String contentType;
    private final Path path;
    private final long size;
    private final Cleaner.Cleanable cleanable;

    SpilledFilePart(String name, String filename, String contentType, Path path, long size) {
        this.name = name;
        this.filename = filename;
        this.contentType = contentType;
        this.path = path;
        this.size = size;
        Path file = path; // the action must not capture this part, or it would never become unreachable
        this.cleanable = Holder.CLEANER.register(this, () -> TempUploads.delete(file));
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
        return size;
    }

    /** @throws java.nio.file.NoSuchFileException once the form was closed */
    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    Path path() {
        return path;
    }

    /** Deletes the temporary file now; idempotent. */
    void delete() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "FilePart[" + name + ", " + size + " bytes in a temporary file]";
    }
}
