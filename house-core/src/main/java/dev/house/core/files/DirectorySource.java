package dev.house.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Files under a directory. Defends in depth although the request path is already normalised:
 * the resolved path must stay under the root, and so must its real path, so a symbolic link
 * cannot lead outside the root (or into a hidden directory inside it).
 */
final class DirectorySource implements FileSource {
    private final Path root;
    private final Path realRoot;

    DirectorySource(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("static file root is not a directory: " + this.root);
        }
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve static file root " + this.root, e);
        }
    }

    @Override
    public StaticResource find(String relativePath) throws IOException {
        Path candidate;
        try {
            candidate = root.resolve(relativePath).normalize();
        } catch (InvalidPathException notAPath) {
            return null;
        }
        if (!candidate.startsWith(root)) {
            return null;
        }
        Path real;
        BasicFileAttributes attrs;
        try {
            real = candidate.toRealPath();
            attrs = Files.readAttributes(real, BasicFileAttributes.class);
        } catch (FileSystemException missingOrUnreadable) {
            // Not there, a path through a regular file, no permission: all look the same to a client.
            return null;
        }
        if (!real.startsWith(realRoot) || StaticPaths.hasHiddenSegment(realRoot.relativize(real))) {
            return null;
        }
        if (!attrs.isRegularFile()) {
            return null;
        }
        return new DiskFile(real, attrs.size(), attrs.lastModifiedTime().toMillis());
    }

    @Override
    public String toString() {
        return "directory " + root;
    }
}
