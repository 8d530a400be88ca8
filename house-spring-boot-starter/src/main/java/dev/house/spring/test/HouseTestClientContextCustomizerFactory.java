package dev.house.spring.test;

import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a {@link HouseTestClient} bound to {@code local.house.port}, writing JSON with the
 * application's mapper, a bean of every
 * {@code @SpringBootTest} context (house starts in every web environment, MOCK included), as
 * Boot does for {@code WebTestClient}. Registered in {@code META-INF/spring.factories}; read only
 * by Spring's test framework.
 */
final class HouseTestClientContextCustomizerFactory implements ContextCustomizerFactory {

    private static final String SPRING_BOOT_TEST = "org.springframework.boot.test.context.SpringBootTest";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        boolean bootTest = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(SPRING_BOOT_TEST);
        return bootTest ? new Customizer() : null;
    }

    /** Registers the client unless the test defines its own bean of that name. */
    private static final class Customizer implements ContextCustomizer {

        static final String BEAN_NAME = "houseTestClient";

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (context.getBeanFactory() instanceof BeanDefinitionRegistry registry
                    && !registry.containsBeanDefinition(BEAN_NAME)) {
                RootBeanDefinition definition = new RootBeanDefinition(HouseTestClient.class,
                        () -> {
                            HouseTestClient client = HouseTestClient.bindTo(context.getEnvironment());
                            JsonMapper mapper = context.getBeanProvider(JsonMapper.class).getIfAvailable();
                            return mapper == null ? client : client.withJsonMapper(mapper);
                        });
                definition.setLazyInit(true);
                registry.registerBeanDefinition(BEAN_NAME, definition);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
