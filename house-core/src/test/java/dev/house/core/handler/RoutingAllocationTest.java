package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.house.core.testing.Allocations.NOISE_BYTES;
import static dev.house.core.testing.Allocations.allocatedBy;
import static dev.house.core.testing.Allocations.assumeMeasurable;

import dev.house.core.http.Request;
import dev.house.core.http.Response;
import org.junit.jupiter.api.Test;

/** Routing runs on the event loop for every request, so a match allocates nothing. */
class RoutingAllocationTest {
    private static final int CALLS = 20_000;

    private static Router router() {
        Router.Builder b = Router.builder();
        for (int i = 0; i < 50; i++) {
            b.get("/static/page" + i, r -> Response.text("x"));
        }
        return b.get("/rooms/{room}/messages/{id}", r -> Response.text("x"))
                .get("/rooms/{room}", r -> Response.text("x"))
                .build();
    }

    @Test
    void exactPathRoutingAllocatesNothing() {
        assumeMeasurable();
        Router router = router();
        Request request = Request.builder(GET, "/static/page42").build();
        Runnable work = () -> {
            for (int i = 0; i < CALLS; i++) {
                router.route(request);
            }
        };
        work.run();
        assertThat(allocatedBy(work)).as("bytes allocated by %d calls", CALLS).isLessThan(NOISE_BYTES);
    }

    @Test
    void templateRoutingAllocatesNothing() {
        assumeMeasurable();
        Router router = router();
        Request[] requests = new Request[CALLS];
        for (int i = 0; i < CALLS; i++) {
            requests[i] = Request.builder(GET, "/rooms/lobby/messages/" + i).build();
        }
        Runnable work = () -> {
            for (Request r : requests) {
                router.route(r);
            }
        };
        work.run();
        for (int i = 0; i < CALLS; i++) {
            requests[i] = Request.builder(GET, "/rooms/lobby/messages/" + i).build();
        }
        // Variables are extracted later by the route's handler, off the event loop.
        assertThat(allocatedBy(work)).as("bytes allocated by %d calls", CALLS).isLessThan(NOISE_BYTES);
    }
}
