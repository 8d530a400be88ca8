package dev.house.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.house.spring.handler.calls.CallFixtures;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A route method called through the call built once at start-up, as the handler invoker does. */
class MethodCallTest {

    private final AtomicReference<String> caller = new AtomicReference<>();

    @Test
    void methodsOfEveryShapeAreCalledWithTheirArgumentsAndGiveTheirResult() throws Throwable {
        Object bean = CallFixtures.handlers(caller, new IOException());

        assertThat(call(bean, "none")).isEqualTo("none");
        assertThat(call(bean, "one", "a")).isEqualTo("a");
        assertThat(call(bean, "two", "a", 2)).isEqualTo("a2");
        assertThat(call(bean, "three", "a", 2, 3L)).isEqualTo("a23");
        assertThat(call(bean, "four", "ab", 2, 3L, true)).isEqualTo(8L);
        assertThat(call(bean, "five", "a", "b", "c", "d", "e")).isEqualTo("abcde");
        assertThat(call(bean, "nothing", "a")).isNull();
        assertThat(call(bean, "shared", "a")).isEqualTo("static a");
    }

    @Test
    void whatTheMethodThrowsComesOutAsTheSameObjectUnwrapped() {
        for (Throwable thrown : new Throwable[] {new IOException("checked"), new IllegalStateException("unchecked"),
                new AssertionError("error")}) {
            Object bean = CallFixtures.handlers(caller, thrown);
            assertThat(catchThrowable(() -> call(bean, "throwsOne", "a"))).as("generated call").isSameAs(thrown);
            assertThat(catchThrowable(() -> call(bean, "throwsFive", "a", "b", "c", "d", "e")))
                    .as("method handle call").isSameAs(thrown);
            assertThat(catchThrowable(() -> call(bean, "throwsVoid"))).as("void method").isSameAs(thrown);
        }
    }

    @Test
    void routeMethodsAreCalledWithoutReflection() throws Throwable {
        Object bean = CallFixtures.handlers(caller, new IOException());
        for (String method : new String[] {"none", "one", "two", "three", "four", "five", "nothing"}) {
            Method declared = method(bean, method);
            call(bean, method, sampleArguments(declared));
            assertThat(caller.get()).as(method).startsWith(MethodCall.class.getName() + "$")
                    .doesNotContain("reflect");
        }
    }

    private static Object[] sampleArguments(Method method) {
        return Arrays.stream(method.getParameterTypes())
                .map(type -> type == int.class ? (Object) 1 : type == long.class || type == Long.class ? (Object) 1L
                        : type == boolean.class ? (Object) true : "x")
                .toArray();
    }

    private static Object call(Object bean, String name, Object... args) throws Throwable {
        return MethodCall.of(bean, method(bean, name)).call(args);
    }

    private static Method method(Object bean, String name) {
        return Arrays.stream(bean.getClass().getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
