package dev.house.core.multipart;

import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.Response;

/**
 * Deletes the temporary files of every multipart form parsed during a request once its handler
 * has answered. No longer needed: the server deletes them at the end of every exchange (see
 * {@link MultipartParser#parse(Request)}); installing it only makes that happen before the
 * remaining {@code after} interceptors run.
 */
public final class UploadCleanup implements Interceptor {
    @Override
    public Response after(Request request, Response response) {
        for (MultipartForm form : MultipartParser.formsOf(request)) {
            form.close();
        }
        return response;
    }
}
