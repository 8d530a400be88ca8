package dev.house.core.handler;

import dev.house.core.http.Handler;
import dev.house.core.http.HttpException;
import dev.house.core.http.Interceptor;
import dev.house.core.http.Problem;
import dev.house.core.http.Request;
import dev.house.core.http.Response;

/**
 * A handler inside a chain of {@link Interceptor}s: each {@code before} in order until one
 * answers, then the handler, then the {@code after} of every interceptor whose {@code before}
 * let the request through, in reverse order. An {@link HttpException} from the handler or an
 * interceptor becomes its error response here ({@link HttpException#toResponse()}), and any other
 * exception a 500 carrying it ({@link Response#failure()}), so {@code after} sees (and may
 * decorate) every error too.
 */
final class Intercepted implements Handler {
    private final Interceptor[] chain;
    private final Handler handler;

    Intercepted(Interceptor[] chain, Handler handler) {
        this.chain = chain;
        this.handler = handler;
    }

    /** {@code handler} wrapped in {@code chain}, or {@code handler} itself when the chain is empty. */
    static Handler wrap(Interceptor[] chain, Handler handler) {
        return chain.length == 0 ? handler : new Intercepted(chain, handler);
    }

    @Override
    public Response handle(Request request) throws Exception {
        int passed = 0;
        Response response = null;
        try {
            while (passed < chain.length) {
                response = chain[passed].before(request);
                if (response != null) {
                    break;
                }
                passed++;
            }
            if (response == null) {
                response = handler.handle(request);
            }
        } catch (HttpException e) {
            response = e.toResponse();
        } catch (Exception | Error e) {
            // Answered here rather than by the server so every after() sees the 500 (CORS
            // headers, security clean-up); the server still logs it and tells its listeners.
            response = Problem.internalError(request).failure(e);
        }
        for (int i = passed - 1; i >= 0; i--) {
            response = chain[i].after(request, response);
            if (response == null) {
                throw new IllegalStateException("interceptor " + chain[i].getClass().getName()
                        + " returned no response from after()");
            }
        }
        return response;
    }
}
