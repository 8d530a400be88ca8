package dev.house.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpMethod;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

/** The hints a native image needs for {@code @HouseHandler} routes, worked out ahead of time. */
class HouseHandlerRuntimeHintsTests {

    @Test
    void routeMethodsTheirBodiesAndAnswersAndConstraintsGetReflectionHints() throws Exception {
        RuntimeHints hints = processedHints(Orders.class);

        Method place = Orders.class.getDeclaredMethod("place", String.class, NewOrder.class);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(place)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(NewOrder.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Receipt.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Line.class)).as("element type of a List answer")
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Size.class)).accepts(hints);
    }

    @Test
    void aBeanWithoutRoutesContributesNothing() {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerBeanDefinition("plain", new RootBeanDefinition(NewOrder.class));
        assertThat(new HouseHandlerRuntimeHints().processAheadOfTime(beanFactory)).isNull();
    }

    private static RuntimeHints processedHints(Class<?> handler) {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerBeanDefinition("handler", new RootBeanDefinition(handler));
        BeanFactoryInitializationAotContribution contribution = new HouseHandlerRuntimeHints()
                .processAheadOfTime(beanFactory);
        assertThat(contribution).isNotNull();
        DefaultGenerationContext context = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("com.example", "Test")), new InMemoryGeneratedFiles());
        contribution.applyTo(context, null);
        return context.getRuntimeHints();
    }

    record NewOrder(String item, int quantity) {
    }

    record Receipt(String id, List<Line> lines) {
    }

    record Line(String item) {
    }

    @HouseHandler
    static class Orders {

        @JsonRoute(method = HttpMethod.POST, path = "/orders/{shop}")
        Receipt place(@Size(max = 16) String shop, @JsonBody NewOrder order) {
            return new Receipt("1", List.of(new Line(order.item())));
        }

        @JsonRoute(path = "/orders")
        List<Line> lines() {
            return List.of();
        }
    }
}
