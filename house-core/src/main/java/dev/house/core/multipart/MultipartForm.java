package dev.house.core.multipart;

import dev.house.core.http.Request;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code multipart/form-data} body: text fields by name and uploaded files, the latter
 * kept in memory when small and spilled to temporary files beyond a threshold.
 */
public final class MultipartForm {
    private final Map<String, List<String>> fields;
    private final List<FilePart> files;

    MultipartForm(Map<String, List<String>> fields, List<FilePart> files) {
        this.fields = fields;
        this.files = files;
    }

    /**
     * Parses the body of a {@code multipart/form-data} request.
     *
     * @throws dev.house.core.http.HttpException 400 when the body is not valid multipart
     */
    public static MultipartForm parse(Request request) {
        throw new UnsupportedOperationException("not yet written");
    }

    /** Text fields (parts without a filename), in order; a repeated name has several values. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** Uploaded files (parts with a filename), in order. */
    public List<FilePart> files() {
        return files;
    }
}
