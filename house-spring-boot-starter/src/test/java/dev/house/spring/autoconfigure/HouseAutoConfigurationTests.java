package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.ExchangeListener;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.Request;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import dev.house.core.session.Sessions;
import dev.house.spring.server.HouseRequestRouter;
import dev.house.spring.server.HouseServerLifecycle;
import dev.house.spring.testing.HttpProbe;
import dev.house.spring.testing.StartupFailures;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class HouseAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1");

    @Test
    void startsTheServerOnAFreePortWhenThePortIsZero() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(HouseServer.class).hasSingleBean(HouseServerLifecycle.class);
            HouseServer server = context.getBean(HouseServer.class);
            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isPositive();
        });
    }

    @Test
    void publishesTheBoundPortAsLocalHousePort() {
        runner.run(context -> {
            int port = context.getBean(HouseServer.class).port();
            assertThat(context.getEnvironment().getProperty("local.house.port", Integer.class)).isEqualTo(port);
        });
    }

    @Test
    void backsOffEntirelyWhenDisabled() {
        runner.withPropertyValues("house.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(HouseServer.class)
                .doesNotHaveBean(ServerConfig.class)
                .doesNotHaveBean(HouseServerLifecycle.class)
                .doesNotHaveBean(HouseProperties.class));
    }

    @Test
    void servesTheApplicationsRouterOverARealSocket() {
        runner.withUserConfiguration(HelloRouter.class).run(context -> {
            int port = context.getBean(HouseServer.class).port();
            var response = HttpProbe.get(port, "/hello");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from a bean");
        });
    }

    @Test
    void routerCustomizersDeclareRoutesInOrder() {
        runner.withUserConfiguration(RouteCustomizers.class).run(context -> {
            int port = context.getBean(HouseServer.class).port();
            assertThat(HttpProbe.get(port, "/ping").body()).isEqualTo("pong");
            assertThat(HttpProbe.get(port, "/which").body()).isEqualTo("second");
        });
    }

    @Test
    void answers404WhenTheApplicationDefinesNoRoutes() {
        runner.run(context -> {
            int port = context.getBean(HouseServer.class).port();
            assertThat(HttpProbe.get(port, "/anything").statusCode()).isEqualTo(404);
        });
    }

    @Test
    void mapsPropertiesOntoTheServerConfig() {
        runner.withPropertyValues("house.address=127.0.0.1", "house.event-loops=3", "house.accept-backlog=50",
                "house.limits.max-request-line=2KB", "house.limits.max-header-size=4KB",
                "house.limits.max-header-count=20", "house.limits.max-body-size=10MB",
                "house.limits.max-parameter-count=50",
                "house.limits.request-timeout=5s", "house.limits.idle-timeout=2m",
                "house.limits.max-connections=77", "house.limits.max-pending-output=64KB",
                "house.sse.max-pending-bytes=32KB", "house.shutdown.grace-period=3s",
                "house.shutdown.stream-drain=2s",
                "house.http2.enabled=false", "house.http2.max-concurrent-streams=16",
                "house.http2.initial-window-size=1MB", "house.http2.max-frame-size=32KB").run(context -> {
                    ServerConfig config = context.getBean(ServerConfig.class);
                    assertThat(config.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
                    assertThat(config.eventLoops()).isEqualTo(3);
                    assertThat(config.backlog()).isEqualTo(50);
                    assertThat(config.limits()).isEqualTo(new HttpLimits(2048, 4096, 20, 10L * 1024 * 1024, 50));
                    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(config.maxConnections()).isEqualTo(77);
                    assertThat(config.maxPendingOutput()).isEqualTo(64 * 1024);
                    assertThat(config.streamMaxPendingBytes()).isEqualTo(32 * 1024);
                    assertThat(config.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.streamDrain()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.http2Enabled()).isFalse();
                    assertThat(config.http2MaxConcurrentStreams()).isEqualTo(16);
                    assertThat(config.http2InitialWindowSize()).isEqualTo(1024 * 1024);
                    assertThat(config.http2MaxFrameSize()).isEqualTo(32 * 1024);
                });
    }

    @Test
    void defaultsMatchHouseCoreDefaults() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class))
                .withBean(HouseServerLifecycle.class, () -> null) // keep the server from binding 8080
                .run(context -> {
                    ServerConfig config = context.getBean(ServerConfig.class);
                    ServerConfig core = ServerConfig.defaults();
                    assertThat(config.port()).isEqualTo(8080);
                    assertThat(config.address()).isNull();
                    assertThat(config.eventLoops()).isEqualTo(core.eventLoops());
                    assertThat(config.backlog()).isEqualTo(core.backlog());
                    assertThat(config.limits()).isEqualTo(core.limits());
                    assertThat(config.requestTimeout()).isEqualTo(core.requestTimeout());
                    assertThat(config.idleTimeout()).isEqualTo(core.idleTimeout());
                    assertThat(config.maxConnections()).isEqualTo(core.maxConnections());
                    assertThat(config.maxPendingOutput()).isEqualTo(core.maxPendingOutput());
                    assertThat(config.streamMaxPendingBytes()).isEqualTo(core.streamMaxPendingBytes());
                    assertThat(config.shutdownGracePeriod()).isEqualTo(core.shutdownGracePeriod());
                    assertThat(config.streamDrain()).isEqualTo(core.streamDrain());
                    assertThat(config.http2Enabled()).isEqualTo(core.http2Enabled());
                    assertThat(config.http2MaxConcurrentStreams()).isEqualTo(core.http2MaxConcurrentStreams());
                    assertThat(config.http2InitialWindowSize()).isEqualTo(core.http2InitialWindowSize());
                    assertThat(config.http2MaxFrameSize()).isEqualTo(core.http2MaxFrameSize());
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "house.port=70000                    | house.port",
            "house.event-loops=0                 | house.event-loops",
            "house.accept-backlog=0              | house.accept-backlog",
            "house.limits.max-request-line=4B    | house.limits.max-request-line",
            "house.limits.max-header-size=4B     | house.limits.max-header-size",
            "house.limits.max-header-count=0     | house.limits.max-header-count",
            "house.limits.max-body-size=3GB      | house.limits.max-body-size",
            "house.limits.max-parameter-count=0  | house.limits.max-parameter-count",
            "house.limits.request-timeout=0s     | house.limits.request-timeout",
            "house.http2.max-concurrent-streams=0 | house.http2.max-concurrent-streams",
            "house.http2.max-frame-size=1KB      | house.http2.max-frame-size",
            "house.limits.idle-timeout=-1s       | house.limits.idle-timeout",
            "house.limits.max-connections=0      | house.limits.max-connections",
            "house.limits.max-pending-output=3GB | house.limits.max-pending-output",
            "house.sse.max-pending-bytes=10B     | house.sse.max-pending-bytes",
            "house.shutdown.grace-period=-1s     | house.shutdown.grace-period",
            "house.shutdown.stream-drain=-1s     | house.shutdown.stream-drain",
            "house.workers.max-threads=0         | house.workers.max-threads",
            "house.workers.queue-capacity=0      | house.workers.queue-capacity",
            "house.session.idle-timeout=0s       | house.session.idle-timeout",
            "house.session.max-sessions=0        | house.session.max-sessions",
            "house.session.cookie-name=a;b       | house.session.cookie-name",
    })
    void failsStartUpNamingTheInvalidProperty(String setting, String property) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException cause = StartupFailures.invalidProperty(context.getStartupFailure());
            assertThat(cause.getName()).isEqualTo(property);
        });
    }

    @Test
    void aStreamDrainLongerThanTheGracePeriodFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("house.shutdown.grace-period=2s", "house.shutdown.stream-drain=5s").run(context -> {
            assertThat(context).hasFailed();
            InvalidConfigurationPropertyValueException cause = StartupFailures.invalidProperty(context.getStartupFailure());
            assertThat(cause.getName())
                    .isEqualTo("house.shutdown.stream-drain");
            assertThat(cause.getMessage()).contains("must not exceed shutdownGracePeriod");
        });
    }

    @Test
    void sessionsCanBeDisabled() {
        runner.withPropertyValues("house.session.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Sessions.class));
    }

    @Test
    void sessionsFollowTheirProperties() {
        runner.withPropertyValues("house.session.idle-timeout=5m")
                .run(context -> assertThat(context.getBean(Sessions.class).idleTimeout()).isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void userServerConfigWins() {
        runner.withBean(ServerConfig.class, () -> ServerConfig.builder().port(0).eventLoops(2).build())
                .run(context -> assertThat(context.getBean(HouseServer.class).config().eventLoops()).isEqualTo(2));
    }

    @Test
    void customizersAdjustTheConfigInOrder() {
        runner.withUserConfiguration(Customizers.class).run(context -> {
            ServerConfig config = context.getBean(ServerConfig.class);
            assertThat(config.maxConnections()).isEqualTo(2);
            assertThat(config.port()).isZero();
        });
    }

    @Test
    void userServerWinsAndIsStillRunByTheLifecycle() {
        HouseServer own = HouseServer.builder()
                .config(ServerConfig.builder().port(0).eventLoops(1).build())
                .router(Router.builder().get("/", r -> Response.text("own")).build())
                .build();
        runner.withBean("myServer", HouseServer.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(HouseServer.class);
            assertThat(context.getBean(HouseServer.class)).isSameAs(own);
            assertThat(HttpProbe.get(own.port(), "/").body()).isEqualTo("own");
        });
    }

    @Test
    void userLifecycleWins() {
        runner.withBean("myLifecycle", HouseServerLifecycle.class, () -> null).run(context -> {
            assertThat(context.getBeansOfType(HouseServerLifecycle.class)).isEmpty();
            assertThat(context.getBean(HouseServer.class).isRunning()).isFalse();
        });
    }

    @Test
    void userRouterWins() {
        runner.withUserConfiguration(HelloRouter.class, RouteCustomizers.class).run(context -> {
            assertThat(context).hasSingleBean(RequestRouter.class).doesNotHaveBean(HouseRequestRouter.class);
            assertThat(HttpProbe.get(context.getBean(HouseServer.class).port(), "/ping").statusCode())
                    .isEqualTo(404);
        });
    }

    @Test
    void workersAreABoundedPoolSizedByPropertiesWithoutVirtualThreads() {
        runner.withPropertyValues("house.workers.max-threads=7", "house.workers.queue-capacity=9").run(context -> {
            ExecutorService workers = context.getBean(HouseAutoConfiguration.WORKERS_BEAN_NAME, ExecutorService.class);
            assertThat(workers).isInstanceOf(ThreadPoolExecutor.class);
            ThreadPoolExecutor pool = (ThreadPoolExecutor) workers;
            assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
            assertThat(pool.getQueue().remainingCapacity()).isEqualTo(9);
        });
    }

    @Test
    void workersAreVirtualThreadsWhenEnabledOnAJvmThatHasThem() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            ExecutorService workers = context.getBean(HouseAutoConfiguration.WORKERS_BEAN_NAME, ExecutorService.class);
            // Java 17 has no virtual threads: the setting falls back to the bounded pool there.
            boolean virtual = Runtime.version().feature() >= 21;
            assertThat(workers instanceof ThreadPoolExecutor).isEqualTo(!virtual);
        });
    }

    @Test
    void userWorkersWinAndRunTheHandlers() {
        ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-worker"));
        try {
            runner.withBean(HouseAutoConfiguration.WORKERS_BEAN_NAME, ExecutorService.class, () -> own)
                    .withBean(RequestRouter.class, () -> Router.builder()
                            .get("/who", r -> Response.text(Thread.currentThread().getName())).build())
                    .run(context -> {
                        int port = context.getBean(HouseServer.class).port();
                        assertThat(HttpProbe.get(port, "/who").body()).isEqualTo("my-worker");
                    });
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    void exchangeListenerBeansHearEveryExchange() {
        List<String> heard = new CopyOnWriteArrayList<>();
        ExchangeListener listener = new ExchangeListener() {
            @Override
            public void completed(Request request, Route route, Response response, long nanos) {
                heard.add(request.path() + " " + response.status().code());
            }
        };
        runner.withUserConfiguration(HelloRouter.class)
                .withBean("recorder", ExchangeListener.class, () -> listener)
                .run(context -> {
                    int port = context.getBean(HouseServer.class).port();
                    HttpProbe.get(port, "/hello");
                    HttpProbe.await(() -> heard.contains("/hello 200"), "the listener hears the exchange");
                });
    }

    @Test
    void eventLoopThreadsAreNotDaemonsSoANonWebApplicationStaysAlive() {
        runner.run(context -> {
            List<Thread> loops = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("house-loop-"))
                    .toList();
            assertThat(loops).isNotEmpty().noneMatch(Thread::isDaemon);
        });
    }

    @Test
    void closingTheContextStopsTheServer() {
        HouseServer[] server = new HouseServer[1];
        runner.run(context -> server[0] = context.getBean(HouseServer.class));
        assertThat(server[0].isRunning()).isFalse();
        assertThat(server[0].connectionCount()).isZero();
    }

    @Configuration(proxyBeanMethods = false)
    static class HelloRouter {

        @Bean
        RequestRouter myRouter() {
            return Router.builder().get("/hello", request -> Response.text("hello from a bean")).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RouteCustomizers {

        @Bean
        @Order(1)
        HouseRouterCustomizer first() {
            return router -> router.get("/ping", request -> Response.text("pong"))
                    .get("/which", request -> Response.text("first"));
        }

        @Bean
        @Order(2)
        HouseRouterCustomizer second() {
            return router -> router.get("/which", request -> Response.text("second"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        @Bean
        @Order(2)
        HouseServerConfigCustomizer second() {
            return builder -> builder.maxConnections(2);
        }

        @Bean
        @Order(1)
        HouseServerConfigCustomizer first() {
            return builder -> builder.maxConnections(1);
        }
    }
}
