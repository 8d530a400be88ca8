package dev.house.core.multipart;

import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.Response;

/**
 * Deletes the temporary files of every multipart form parsed during a request once its handler
 * has answered, so uploads do not outlive the exchange. Install it when handlers parse uploads
 * and do not close the form themselves; a handler that must keep an upload copies it first.
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
