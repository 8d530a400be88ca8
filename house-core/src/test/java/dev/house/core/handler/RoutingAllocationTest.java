package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.lang.management.ManagementFactory;
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

    /**
     * Bytes the measurement itself may show (the JIT swapping in compiled code mid-run); one
     * allocation per call, even 16 bytes, totals 320 KB and fails. Totals are compared, not a
     * per-call quotient that rounds a few bytes per call down to nothing.
     */
    private static final long NOISE_BYTES = 4 * 1024;

    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static boolean measurable() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .isThreadAllocatedMemoryEnabled();
    }

    @Test
    void exactPathRoutingAllocatesNothing() {
        assumeTrue(measurable(), "this JVM cannot measure per-thread allocation"
                + " (com.sun.management.ThreadMXBean with allocated memory enabled); allocation not checked");
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
        assumeTrue(measurable(), "this JVM cannot measure per-thread allocation"
                + " (com.sun.management.ThreadMXBean with allocated memory enabled); allocation not checked");
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
