package dev.house.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.jar.JarEntry;

/**
 * Resources under a classpath location. A resource in a directory on the classpath is served
 * like any file on disk. One inside a jar cannot be transferred from disk directly, so it is
 * read into memory when small (up to {@code memoryLimit} bytes, read on every request: jar
 * entries are cheap to inflate and this keeps no memory pinned) and otherwise extracted once to
 * a temporary file that is then streamed like any other file (see {@link JarExtractor}).
 */
final class ClasspathSource implements FileSource {
    private final String base;
    private final ClassLoader loader;
    private final long memoryLimit;
    private final JarExtractor extractor = new JarExtractor();

    /**
     * @param location {@code classpath:/static/}, {@code /static/} or {@code static}
     */
    ClasspathSource(String location, ClassLoader loader, long memoryLimit) {
        this.base = normaliseLocation(location);
        this.loader = loader;
        this.memoryLimit = memoryLimit;
    }

    static String normaliseLocation(String location) {
        String s = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            // The classpath root holds class files and configuration; never publish it wholesale.
            throw new IllegalArgumentException("a classpath location for static files must name a folder, "
                    + "e.g. classpath:/static/, not the classpath root");
        }
        if (!StaticPaths.isServable(s)) {
            throw new IllegalArgumentException("invalid classpath location: " + location);
        }
        return s + "/";
    }

    @Override
    public StaticResource find(String relativePath) throws IOException {
        URL url = loader.getResource(base + relativePath);
        if (url == null) {
            return null;
        }
        if ("file".equals(url.getProtocol())) {
            return diskFile(url);
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            return jarEntry(jar);
        }
        return otherResource(connection);
    }

    private static StaticResource diskFile(URL url) throws IOException {
        Path path;
        try {
            path = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException notAPath) {
            return null;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (java.nio.file.FileSystemException gone) {
            return null;
        }
        return attrs.isRegularFile() ? new DiskFile(path, attrs.size(), attrs.lastModifiedTime().toMillis()) : null;
    }

    private StaticResource jarEntry(JarURLConnection connection) throws IOException {
        JarEntry entry = connection.getJarEntry();
        if (entry == null || entry.isDirectory()) {
            return null;
        }
        long size = entry.getSize();
        long modified = Math.max(entry.getTime(), 0);
        if (size >= 0 && size <= memoryLimit) {
            try (InputStream in = connection.getInputStream()) {
                return new MemoryFile(in.readAllBytes(), modified);
            }
        }
        Path extracted = extractor.extract(connection.getURL(), size, modified, connection::getInputStream);
        return new DiskFile(extracted, Files.size(extracted), modified);
    }

    private StaticResource otherResource(URLConnection connection) throws IOException {
        // Other URL schemes (jrt:, custom loaders) are rare for web assets: read them whole
        // when small, extract them when large, exactly like jar entries.
        long size = connection.getContentLengthLong();
        long modified = Math.max(connection.getLastModified(), 0);
        if (size >= 0 && size <= memoryLimit) {
            try (InputStream in = connection.getInputStream()) {
                return new MemoryFile(in.readAllBytes(), modified);
            }
        }
        Path extracted = extractor.extract(connection.getURL(), size, modified, connection::getInputStream);
        return new DiskFile(extracted, Files.size(extracted), modified);
    }

    @Override
    public String toString() {
        return "classpath:/" + base;
    }
}
