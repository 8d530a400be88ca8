package dev.house.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

class HandlerMethodDetectorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner();

    @Test
    void findsTheMappedMethodsOfHouseHandlerBeans() {
        runner.withBean(Rooms.class).run(context -> {
            List<HandlerMethod> found = detect(context);
            assertThat(found).extracting(h -> h.mapping().toString()).containsExactly(
                    "REDIRECT ANY /r/{room}",
                    "CLOSING GET /rooms/{room}",
                    "JSON POST /rooms/{room}/messages",
                    "STREAM GET /rooms/{room}/stream");
            assertThat(found).allMatch(h -> h.beanName().equals("handlerMethodDetectorTests.Rooms"));
        });
    }

    @Test
    void carriesEachAnnotationsAttributes() {
        runner.withBean(Rooms.class).run(context -> {
            RouteMapping closing = byPath(detect(context), "/rooms/{room}");
            assertThat(closing.contentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(closing.execution()).isEqualTo(Execution.EVENT_LOOP);
            RouteMapping redirect = byPath(detect(context), "/r/{room}");
            assertThat(redirect.status()).isEqualTo(308);
            assertThat(redirect.method()).isNull();
        });
    }

    @Test
    void ignoresMappedMethodsOfBeansThatAreNotHouseHandlers() {
        runner.withBean(NotAHandler.class).run(context -> assertThat(detect(context)).isEmpty());
    }

    @Test
    void invokesAProxiedHandlerThroughItsProxySoAdviceStillApplies() {
        AtomicInteger advised = new AtomicInteger();
        runner.withBean(Rooms.class)
                .withBean("proxying", BeanPostProcessor.class, () -> proxyingRooms(advised))
                .run(context -> {
                    HandlerMethod show = detect(context).stream()
                            .filter(h -> h.mapping().path().equals("/rooms/{room}")).findFirst().orElseThrow();
                    assertThat(AopUtils.isAopProxy(show.bean())).isTrue();
                    assertThat(show.declared().getDeclaringClass()).isEqualTo(Rooms.class);
                    Object answer = show.method().invoke(show.bean(), "lobby");
                    assertThat(answer).isEqualTo("room lobby");
                    assertThat(advised).hasValue(1);
                });
    }

    @Test
    void theGeneratedCallOfAProxiedHandlerGoesThroughItsProxy() {
        AtomicInteger advised = new AtomicInteger();
        runner.withBean(Rooms.class)
                .withBean("proxying", BeanPostProcessor.class, () -> proxyingRooms(advised))
                .run(context -> {
                    HandlerMethod show = detect(context).stream()
                            .filter(h -> h.mapping().path().equals("/rooms/{room}")).findFirst().orElseThrow();
                    Object answer = MethodCall.of(show.bean(), show.method()).call(new Object[] {"lobby"});
                    assertThat(answer).isEqualTo("room lobby");
                    assertThat(advised).hasValue(1);
                });
    }

    @Test
    void aMethodWithTwoMappingsFailsNamingIt() {
        runner.withBean(DoublyMapped.class).run(context ->
                assertThatThrownBy(() -> detect(context))
                        .hasMessageContaining(DoublyMapped.class.getName() + "#both()")
                        .hasMessageContaining("more than one route mapping"));
    }

    private static List<HandlerMethod> detect(ConfigurableApplicationContext context) {
        return new HandlerMethodDetector(context.getBeanFactory()).detect();
    }

    private static RouteMapping byPath(List<HandlerMethod> found, String path) {
        return found.stream().map(HandlerMethod::mapping).filter(m -> m.path().equals(path)).findFirst().orElseThrow();
    }

    private static BeanPostProcessor proxyingRooms(AtomicInteger advised) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof Rooms)) {
                    return bean;
                }
                ProxyFactory factory = new ProxyFactory(bean);
                factory.setProxyTargetClass(true);
                factory.addAdvice((MethodInterceptor) invocation -> {
                    advised.incrementAndGet();
                    return invocation.proceed();
                });
                return factory.getProxy();
            }
        };
    }

    @HouseHandler
    static class Rooms {

        @ClosingRoute(path = "/rooms/{room}", contentType = "text/plain; charset=utf-8", execution = Execution.EVENT_LOOP)
        public String show(String room) {
            return "room " + room;
        }

        @JsonRoute(method = HttpMethod.POST, path = "/rooms/{room}/messages")
        public String post(String room, String text) {
            return text;
        }

        @StreamRoute(path = "/rooms/{room}/stream")
        public Object stream(String room) {
            return room;
        }

        @RedirectRoute(path = "/r/{room}", status = 308)
        public String redirect(String room) {
            return "/rooms/" + room;
        }

        public String notMapped() {
            return "";
        }
    }

    @HouseHandler
    static class DoublyMapped {

        @JsonRoute(path = "/a")
        @ClosingRoute(path = "/b")
        public String both() {
            return "";
        }
    }

    static class NotAHandler {

        @JsonRoute(path = "/ignored")
        public String ignored() {
            return "";
        }
    }
}
