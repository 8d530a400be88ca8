package dev.house.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.testing.HttpProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A request carrying W3C {@code traceparent} is observed as {@code http.server.requests} in the
 * caller's trace, and the handler's log lines (MDC) and channel publishes carry that trace.
 * Started without {@code @SpringBootTest}, whose test support switches tracing off.
 */
class TracedRequestTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

    private static ConfigurableApplicationContext context;
    private static int port;

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(TracingApplication.class)
                .web(WebApplicationType.NONE)
                .run("--house.port=0", "--house.event-loops=1", "--spring.main.banner-mode=off",
                        "--management.tracing.sampling.probability=1.0",
                        "--management.opentelemetry.tracing.export.schedule-delay=50ms",
                        "--management.health.redis.enabled=false");
        port = Integer.parseInt(context.getEnvironment().getProperty("local.house.port"));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void theServerSpanContinuesTheCallersTrace() throws Exception {
        assertThat(tracedGet("/traced/span").statusCode()).isEqualTo(200);
        SpanData server = awaitSpan("http get /traced/{step}");
        assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(server.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
    }

    @Test
    void theHandlersLogLinesCarryTheTraceId() throws Exception {
        tracedGet("/traced/log");
        assertThat(TracingApplication.handlerTraceIds.get("/traced/log")).isEqualTo(TRACE_ID);
    }

    @Test
    void aPublishInsideTheRequestIsASpanOfItsTrace() throws Exception {
        tracedGet("/traced/publish");
        SpanData publish = awaitSpan("publish traced");
        assertThat(publish.getTraceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void theRequestMeterHasSpringsTagsAndAnActiveTimer() throws Exception {
        tracedGet("/boom");
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        HttpProbe.await(() -> meters.find("http.server.requests").tag("uri", "/boom").timer() != null,
                "the /boom request is recorded");
        assertThat(meters.get("http.server.requests").tag("uri", "/boom").tag("status", "500")
                .tag("outcome", "SERVER_ERROR").tag("exception", "IllegalStateException").tag("method", "GET")
                .tag("protocol", "HTTP/1.1").timer().count()).isEqualTo(1);
        assertThat(meters.get("http.server.requests.active").longTaskTimer()).isNotNull();
    }

    @Test
    void theRequestMeterTellsHttp2RequestsApart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/curl")),
                "curl is not installed");
        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "--http2-prior-knowledge",
                "http://127.0.0.1:" + port + "/boom").redirectErrorStream(true).start();
        assertThat(curl.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).isZero();
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        HttpProbe.await(() -> meters.find("http.server.requests").tag("uri", "/boom").tag("protocol", "HTTP/2")
                .timer() != null, "the h2 request is recorded with its protocol");
    }

    private static HttpResponse<String> tracedGet(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SpanData awaitSpan(String name) throws InterruptedException {
        InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<SpanData> spans = exporter.getFinishedSpanItems();
            for (SpanData span : spans) {
                if (span.getName().equals(name)) {
                    return span;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no span named '" + name + "' among " + exporter.getFinishedSpanItems());
    }
}
