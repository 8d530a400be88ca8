package dev.house.core.files;

import dev.house.core.http.Body;
import java.nio.file.Path;

/** A regular file on disk, sent as a file region (the core transfers it with {@code FileChannel.transferTo}). */
record DiskFile(Path path, long length, long lastModified) implements StaticResource {
    @Override
    public Body body() {
        return new Body.FileRegion(path, 0, length);
    }
}
