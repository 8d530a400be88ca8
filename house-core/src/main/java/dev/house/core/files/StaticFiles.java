package dev.house.core.files;

import dev.house.core.http.Handler;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Serves static files from a directory or a classpath location (also inside jars). Configure,
 * then mount a {@link #handler(String) handler} under a path prefix; the request path minus the
 * prefix names the file.
 *
 * <pre>{@code
 * Handler assets = StaticFiles.fromDirectory(Path.of("public"))
 *         .cacheControl("public, max-age=3600")
 *         .handler("/assets");          // GET /assets/app.js -> public/app.js
 * Handler site = StaticFiles.fromClasspath("classpath:/static/").handler("/");
 * }</pre>
 *
 * <p>The handler answers GET and HEAD with {@code ETag}, {@code Last-Modified} and 304 for
 * matching conditional requests; hides dotfiles and dot directories; refuses anything outside
 * the root, including through symbolic links; serves {@code index.html} for a directory
 * (redirecting {@code /dir} to {@code /dir/} so relative links work); and streams files from
 * disk without loading them. It does blocking file I/O, so mount it on a worker route.
 */
public final class StaticFiles {
    /** Jar entries up to this size are served from memory; larger ones are extracted to a temp file. */
    public static final long DEFAULT_CLASSPATH_MEMORY_LIMIT = 256 * 1024;

    private final Path directory;
    private final String classpathLocation;
    private final ClassLoader classLoader;
    private String cacheControl = "no-cache";
    private String indexFile = "index.html";
    private MimeTypes mimeTypes = MimeTypes.defaults();
    private long classpathMemoryLimit = DEFAULT_CLASSPATH_MEMORY_LIMIT;

    private StaticFiles(Path directory, String classpathLocation, ClassLoader classLoader) {
        this.directory = directory;
        this.classpathLocation = classpathLocation;
        this.classLoader = classLoader;
    }

    /** Files under {@code root}, which must be an existing directory when the handler is made. */
    public static StaticFiles fromDirectory(Path root) {
        return new StaticFiles(Objects.requireNonNull(root, "root"), null, null);
    }

    /**
     * Resources under a classpath folder, e.g. {@code classpath:/static/}, found with the thread
     * context class loader (or this class's loader when there is none).
     */
    public static StaticFiles fromClasspath(String location) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return fromClasspath(location, loader != null ? loader : StaticFiles.class.getClassLoader());
    }

    /** Resources under a classpath folder of this class loader. */
    public static StaticFiles fromClasspath(String location, ClassLoader loader) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(loader, "loader");
        ClasspathSource.normaliseLocation(location); // fail fast on a bad location
        return new StaticFiles(null, location, loader);
    }

    /**
     * The {@code Cache-Control} value on every file and 304 response; default {@code no-cache}
     * (caches keep files but revalidate each use, cheaply thanks to the ETag). {@code null}
     * sends none.
     */
    public StaticFiles cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    /** The file served for a directory; default {@code index.html}; {@code null} serves none. */
    public StaticFiles indexFile(String name) {
        if (name != null && (name.isEmpty() || !StaticPaths.isServable(name) || name.indexOf('/') >= 0)) {
            throw new IllegalArgumentException("index file must be a plain file name: " + name);
        }
        this.indexFile = name;
        return this;
    }

    /** Maps another extension (without the dot) to a content type, or overrides a built-in one. */
    public StaticFiles mimeType(String extension, String contentType) {
        this.mimeTypes = mimeTypes.with(extension, contentType);
        return this;
    }

    /**
     * Size up to which a resource inside a jar is read into memory per request; larger ones are
     * copied once to a temporary file (deleted on JVM exit) and streamed from there. Default
     * {@value #DEFAULT_CLASSPATH_MEMORY_LIMIT} bytes.
     */
    public StaticFiles classpathMemoryLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("classpathMemoryLimit must not be negative: " + bytes);
        }
        this.classpathMemoryLimit = bytes;
        return this;
    }

    /** A handler serving these files at the site root. */
    public Handler handler() {
        return handler("/");
    }

    /**
     * A handler serving these files under {@code prefix} ({@code /}, {@code /assets},
     * {@code /assets/}, {@code /assets/*} or {@code /assets/{*path}} all work): the rest of the request path names the
     * file. The settings are captured now; later changes do not affect the handler.
     */
    public Handler handler(String prefix) {
        FileSource source = directory != null
                ? new DirectorySource(directory)
                : new ClasspathSource(classpathLocation, classLoader, classpathMemoryLimit);
        return new StaticFileHandler(source, normalisePrefix(prefix), indexFile, mimeTypes, cacheControl);
    }

    private static String normalisePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        String p = prefix;
        int lastSlash = p.lastIndexOf('/');
        String last = p.substring(lastSlash + 1);
        if (last.equals("*") || (last.startsWith("{*") && last.endsWith("}"))) {
            p = p.substring(0, lastSlash + 1); // a router wildcard: the captured rest is the file path
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!prefix.startsWith("/") || p.indexOf('*') >= 0 || p.indexOf('{') >= 0) {
            throw new IllegalArgumentException("prefix must be a literal path starting with '/': " + prefix);
        }
        return p;
    }
}
