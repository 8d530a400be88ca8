package dev.house.bench.micro;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Body;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * House's SSE channels without sockets: {@code subscribers} in-memory streams spread over the
 * event loops of a real (idle) server, one channel. {@link #publishAndDeliver} publishes a batch
 * of events and waits until every subscriber has each; the {@code events} and
 * {@code deliveries} counters give events/s and deliveries/s. Each loop counts its own
 * deliveries, so the counting adds no contention between loops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SseFanoutBenchmark {
    private static final String DATA = "{\"name\":\"alice\",\"message\":\"hello everyone, how are you today?\",\"at\":1700000000000}";

    @Param({"10000"})
    public int subscribers;

    @Param({"1", "16"})
    public int batch;

    private HouseServer server;
    private SseChannels sse;
    private AtomicLong[] deliveredPerLoop;
    private final SseEvent event = SseEvent.data(DATA);

    /** Per-second counters reported next to the operations. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long events;
        public long deliveries;

        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
            deliveries = 0;
        }
    }

    @Setup
    public void setUp() throws InterruptedException {
        server = HouseServer.builder()
                .config(ServerConfig.builder().port(0).eventLoops(2).build())
                .router(Router.builder().get("/", r -> Response.text("")).build())
                .build()
                .start();
        sse = SseChannels.create();
        List<StreamExecutor> loops = server.eventLoops();
        deliveredPerLoop = new AtomicLong[loops.size()];
        for (int i = 0; i < loops.size(); i++) {
            deliveredPerLoop[i] = new AtomicLong();
        }
        CountDownLatch opened = new CountDownLatch(subscribers);
        for (int i = 0; i < subscribers; i++) {
            Request request = Request.builder(HttpMethod.GET, "/source?room=bench").build();
            Response response = sse.subscribe(request, List.of("bench"));
            StreamExecutor loop = loops.get(i % loops.size());
            MemoryStream stream = new MemoryStream(request, loop, deliveredPerLoop[i % loops.size()]);
            loop.execute(() -> {
                ((Body.Stream) response.body()).handler().onOpen(stream);
                opened.countDown();
            });
        }
        if (!opened.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscribers did not open");
        }
        // Subscribing itself sends the retry hint; count from here.
        for (AtomicLong d : deliveredPerLoop) {
            d.set(0);
        }
    }

    private long delivered() {
        long sum = 0;
        for (AtomicLong d : deliveredPerLoop) {
            sum += d.get();
        }
        return sum;
    }

    @TearDown
    public void tearDown() {
        sse.close();
        server.stop();
    }

    @Benchmark
    public void publishAndDeliver(Counters counters) {
        long target = delivered() + (long) batch * subscribers;
        for (int i = 0; i < batch; i++) {
            sse.publish("bench", event);
        }
        while (delivered() < target) {
            Thread.onSpinWait();
        }
        counters.events += batch;
        counters.deliveries += (long) batch * subscribers;
    }

}
