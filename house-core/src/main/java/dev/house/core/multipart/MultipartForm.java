package dev.house.core.multipart;

import dev.house.core.http.Request;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code multipart/form-data} body: text fields by name and uploaded files, the latter
 * kept in memory when small and spilled to temporary files beyond a threshold.
 *
 * <p>Temporary files are deleted by {@link #close()}, by {@link UploadCleanup} when the exchange
 * ends, when their {@link FilePart} becomes unreachable, and at the latest when the JVM exits;
 * a file part cannot be opened after it was deleted.
 */
public final class MultipartForm implements AutoCloseable {
    private final Map<String, List<String>> fields;
    private final List<FilePart> files;
    private final List<SpilledFilePart> spilled;

    MultipartForm(Map<String, List<String>> fields, List<FilePart> files, List<SpilledFilePart> spilled) {
        this.fields = fields;
        this.files = files;
        this.spilled = spilled;
    }

    /**
     * Parses the body of a {@code multipart/form-data} request with
     * {@link MultipartParser#defaults() default limits}.
     *
     * @throws dev.house.core.http.HttpException 400 when the body is not valid multipart
     *         (415 when it is not multipart/form-data at all)
     */
    public static MultipartForm parse(Request request) {
        return MultipartParser.defaults().parse(request);
    }

    /** Text fields (parts without a filename), in order; a repeated name has several values. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** The first value of a field, or {@code null}. */
    public String field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Uploaded files (parts with a filename), in order. */
    public List<FilePart> files() {
        return files;
    }

    /** Deletes the temporary files of spilled uploads now; idempotent. */
    @Override
    public void close() {
        for (SpilledFilePart part : spilled) {
            part.delete();
        }
    }
}
