package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interceptors around every route, over real sockets. */
class InterceptorsSocketTest {
    private HouseServer server;
    private Http http;
    private final Queue<String> trace = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(Router router) {
        server = TestServers.start(router);
        http = new Http(server.port());
    }

    private Interceptor tracing(String name) {
        return new Interceptor() {
            @Override
            public Response before(Request request) {
                trace.add(name + ".before");
                return null;
            }

            @Override
            public Response after(Request request, Response response) {
                trace.add(name + ".after");
                return response.header("X-" + name, "seen");
            }
        };
    }

    private static Interceptor requireToken() {
        return new Interceptor() {
            @Override
            public Response before(Request request) {
                return "secret".equals(request.header("X-Token")) ? null
                        : Response.error(HttpStatus.UNAUTHORIZED, "A valid token is required");
            }
        };
    }

    private Router.Builder routes() {
        return Router.builder()
                .get("/plain", r -> {
                    handled.incrementAndGet();
                    trace.add("handler");
                    return Response.text("plain");
                })
                .json(GET, "/typed", List.of(Param.of("n", ParamTypes.INT)), args -> {
                    handled.incrementAndGet();
                    return Map.of("n", args.get("n"));
                })
                .get("/fails", r -> {
                    throw new HttpException(HttpStatus.CONFLICT, "Already taken");
                });
    }

    @Test
    void beforeRunsInOrderAndAfterInReverse() throws Exception {
        start(routes().intercept(tracing("a"), tracing("b")).build());
        HttpResponse<String> response = http.get("/plain");
        assertThat(response.headers().firstValue("X-a")).contains("seen");
        assertThat(response.headers().firstValue("X-b")).contains("seen");
        assertThat(trace).containsExactly("a.before", "b.before", "handler", "b.after", "a.after");
    }

    @Test
    void shortCircuitingInterceptorAnswersAndTheHandlerDoesNotRun() throws Exception {
        start(routes().intercept(tracing("outer"), requireToken(), tracing("inner")).build());
        HttpResponse<String> response = http.get("/plain");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("A valid token is required");
        assertThat(handled.get()).isZero();
        assertThat(trace).containsExactly("outer.before", "outer.after");
        assertThat(response.headers().firstValue("X-outer")).contains("seen");
    }

    @Test
    void requestPassingTheInterceptorReachesTheHandler() throws Exception {
        start(routes().intercept(requireToken()).build());
        HttpResponse<String> response = http.send(http.request("/typed?n=3").header("X-Token", "secret").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(handled.get()).isEqualTo(1);
    }

    @Test
    void interceptorRunsBeforeParameterValidation() throws Exception {
        start(routes().intercept(requireToken()).build());
        assertThat(http.get("/typed?n=oops").statusCode()).isEqualTo(401);
    }

    @Test
    void afterSeesValidationProblemsAndHttpErrors() throws Exception {
        start(routes().intercept(tracing("cors")).build());
        HttpResponse<String> invalid = http.get("/typed?n=oops");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("X-cors")).contains("seen");
        HttpResponse<String> conflict = http.get("/fails");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("Already taken");
        assertThat(conflict.headers().firstValue("X-cors")).contains("seen");
    }

    @Test
    void globalInterceptorsAlsoWrapNotFoundAndMethodNotAllowed() throws Exception {
        start(routes().intercept(tracing("g")).build());
        HttpResponse<String> missing = http.get("/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-g")).contains("seen");
        HttpResponse<String> wrongMethod = http.method("DELETE", "/plain");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("X-g")).contains("seen");
    }

    @Test
    void routeInterceptorRunsInsideGlobalOnesForThatRouteOnly() throws Exception {
        start(routes().intercept(tracing("global"))
                .endpoint(Endpoint.of(GET, "/guarded").intercept(tracing("route")).closing(args -> "ok"))
                .build());
        http.get("/guarded");
        assertThat(trace).containsExactly("global.before", "route.before", "route.after", "global.after");
        trace.clear();
        http.get("/plain");
        assertThat(trace).containsExactly("global.before", "handler", "global.after");
    }

    @Test
    void ownAnswersMoveToWorkersWhenInterceptorsMightBlock() {
        Router plain = Router.builder().redirect("/", "/index", 302).build();
        Router intercepted = Router.builder().intercept(tracing("x")).redirect("/", "/index", 302).build();
        Request root = Request.builder(GET, "/").build();
        Request missing = Request.builder(GET, "/missing").build();
        assertThat(plain.route(root).execution()).isEqualTo(Execution.EVENT_LOOP);
        assertThat(plain.route(missing).execution()).isEqualTo(Execution.EVENT_LOOP);
        assertThat(intercepted.route(root).execution()).isEqualTo(Execution.WORKER);
        assertThat(intercepted.route(missing).execution()).isEqualTo(Execution.WORKER);
    }

    @Test
    void typedRouteRunsOnAWorkerUnlessToldOtherwise() {
        Router router = Router.builder()
                .json(GET, "/worker", List.of(), args -> null)
                .endpoint(Endpoint.of(GET, "/loop").execution(Execution.EVENT_LOOP).json(args -> null))
                .build();
        assertThat(router.route(Request.builder(GET, "/worker").build()).execution()).isEqualTo(Execution.WORKER);
        assertThat(router.route(Request.builder(GET, "/loop").build()).execution()).isEqualTo(Execution.EVENT_LOOP);
    }
}
