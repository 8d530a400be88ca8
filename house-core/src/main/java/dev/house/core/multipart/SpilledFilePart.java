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
final class SpilledFilePart extends UploadedPart {
    private static final class Holder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private final Path path;
    private final Cleaner.Cleanable cleanable;

    SpilledFilePart(String name, String filename, String contentType, Path path, long size) {
        super(name, filename, contentType, size);
        this.path = path;
        Path file = path; // the action must not capture this part, or it would never become unreachable
        this.cleanable = Holder.CLEANER.register(this, () -> TempUploads.delete(file));
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
        return "FilePart[" + name() + ", " + size() + " bytes in a temporary file]";
    }
}
