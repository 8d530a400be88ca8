package dev.house.core.files;

import dev.house.core.http.Body;

/** A small resource read into memory (a jar entry below the extraction threshold). */
record MemoryFile(byte[] bytes, long lastModified) implements StaticResource {
    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public Body body() {
        return new Body.Bytes(bytes);
    }
}
