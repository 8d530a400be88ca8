package dev.house.core.files;

import dev.house.core.http.Handler;
import dev.house.core.http.HttpDate;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.time.Instant;

/**
 * The handler made by {@link StaticFiles#handler(String)}: maps the request path below its
 * prefix to a file of its {@link FileSource} and answers with it, a 304, a redirect or a 404.
 */
final class StaticFileHandler implements Handler {
    private final FileSource source;
    private final String prefix;
    private final String indexFile;
    private final MimeTypes mimeTypes;
    private final String cacheControl;

    StaticFileHandler(FileSource source, String prefix, String indexFile, MimeTypes mimeTypes,
                      String cacheControl) {
        this.source = source;
        this.prefix = prefix;
        this.indexFile = indexFile;
        this.mimeTypes = mimeTypes;
        this.cacheControl = cacheControl;
    }

    @Override
    public Response handle(Request request) throws Exception {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            return Response.error(HttpStatus.METHOD_NOT_ALLOWED, "Static files only answer GET and HEAD")
                    .header("Allow", "GET, HEAD");
        }
        String path = request.path();
        if (!path.startsWith(prefix)) {
            return notFound();
        }
        String rest = path.substring(prefix.length());
        if (rest.isEmpty()) {
            // The prefix itself, without its slash: the root directory.
            return indexFile != null && source.find(indexFile) != null ? redirectToDirectory(request) : notFound();
        }
        if (rest.charAt(0) != '/') {
            return notFound(); // "/assetsX" is not under "/assets"
        }
        String relative = rest.substring(1);
        if (!StaticPaths.isServable(relative)) {
            return notFound(); // hidden (dot) segments and odd characters look like missing files
        }
        if (relative.isEmpty() || relative.endsWith("/")) {
            if (indexFile == null) {
                return notFound();
            }
            String indexPath = relative + indexFile;
            StaticResource index = source.find(indexPath);
            return index == null ? notFound() : serve(request, indexPath, index);
        }
        StaticResource file = source.find(relative);
        if (file != null) {
            return serve(request, relative, file);
        }
        if (indexFile != null && source.find(relative + "/" + indexFile) != null) {
            return redirectToDirectory(request);
        }
        return notFound();
    }

    private Response serve(Request request, String relative, StaticResource file) throws Exception {
        String etag = EntityTag.of(file);
        long modified = file.lastModified();
        if (Freshness.isNotModified(request, etag, modified)) {
            return withValidators(Response.of(HttpStatus.NOT_MODIFIED), etag, modified);
        }
        Response response = Response.of(HttpStatus.OK).body(file.body())
                .header("Content-Type", mimeTypes.forFileName(relative))
                .header("X-Content-Type-Options", "nosniff");
        return withValidators(response, etag, modified);
    }

    private Response withValidators(Response response, String etag, long modified) {
        response.header("ETag", etag);
        if (modified > 0) {
            response.header("Last-Modified", HttpDate.format(Instant.ofEpochMilli(modified)));
        }
        if (cacheControl != null) {
            response.header("Cache-Control", cacheControl);
        }
        return response;
    }

    /**
     * 301 to the same path with a slash, built from the normalised path (never the raw target,
     * which could turn {@code //evil.example} into an off-site redirect).
     */
    private static Response redirectToDirectory(Request request) {
        StringBuilder location = new StringBuilder();
        PathEncoder.appendEncodedPath(location, request.path());
        location.append('/');
        String query = request.rawQuery();
        if (query != null && PathEncoder.isSafeQuery(query)) {
            location.append('?').append(query);
        }
        return Response.of(HttpStatus.MOVED_PERMANENTLY).header("Location", location.toString());
    }

    private static Response notFound() {
        return Response.error(HttpStatus.NOT_FOUND, "No file at this path");
    }
}
