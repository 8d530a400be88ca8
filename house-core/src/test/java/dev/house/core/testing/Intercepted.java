package dev.house.core.testing;

import dev.house.core.http.Interceptor;
import dev.house.core.http.Execution;
import dev.house.core.http.Handler;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import java.util.List;

/**
 * Runs interceptors around a handler exactly as the interceptor contract describes (before in
 * order, short-circuit on a response, after in reverse order), for tests until the handler DSL
 * provides the real chain.
 */
public final class Intercepted {
    private Intercepted() {
    }

    public static Handler handler(Handler handler, Interceptor... interceptors) {
        List<Interceptor> chain = List.of(interceptors);
        return request -> {
            int ran = 0;
            Response response = null;
            for (Interceptor i : chain) {
                ran++;
                response = i.before(request);
                if (response != null) {
                    break;
                }
            }
            if (response == null) {
                response = handler.handle(request);
            }
            for (int k = ran - 1; k >= 0; k--) {
                response = chain.get(k).after(request, response);
            }
            return response;
        };
    }

    /** A router sending every request, whatever its path and method, to {@code handler} on a worker. */
    public static RequestRouter everything(Handler handler) {
        return request -> new Route(handler, Execution.WORKER, "/{*path}");
    }
}
