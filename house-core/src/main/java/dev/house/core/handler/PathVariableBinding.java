package dev.house.core.handler;

import dev.house.core.http.Handler;
import dev.house.core.http.Request;
import dev.house.core.http.Response;

/**
 * Extracts a route's path variables into the request (see {@link PathVariables#of}) before its
 * interceptors and handler run. Done here rather than while routing so that the event loop
 * allocates nothing for them; on a worker route this runs on the worker.
 */
final class PathVariableBinding implements Handler {
    private final PathTemplate template;
    private final Handler next;

    PathVariableBinding(PathTemplate template, Handler next) {
        this.template = template;
        this.next = next;
    }

    @Override
    public Response handle(Request request) throws Exception {
        request.attribute(PathVariables.ATTRIBUTE, template.extract(request.path()));
        return next.handle(request);
    }
}
