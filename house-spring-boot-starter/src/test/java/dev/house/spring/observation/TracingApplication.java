package dev.house.spring.observation;

import dev.house.core.http.Response;
import dev.house.spring.autoconfigure.HouseRouterCustomizer;
import dev.house.spring.sse.ChannelPublisher;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A house-only application with OpenTelemetry tracing whose spans stay in memory. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class TracingApplication {

    private static final Logger log = LoggerFactory.getLogger(TracingApplication.class);

    /** The MDC's trace id as the handler of each path saw it while logging. */
    static final Map<String, String> handlerTraceIds = new ConcurrentHashMap<>();

    @Bean
    InMemorySpanExporter spanExporter() {
        return InMemorySpanExporter.create();
    }

    @Bean
    HouseRouterCustomizer tracedRoutes(ChannelPublisher publisher) {
        return router -> router
                .get("/traced/{step}", request -> {
                    log.info("handling {}", request.path());
                    handlerTraceIds.put(request.path(), String.valueOf(MDC.get("traceId")));
                    publisher.publish("traced", "hello");
                    return Response.text("traced");
                })
                .get("/boom", request -> {
                    throw new IllegalStateException("boom");
                });
    }
}
