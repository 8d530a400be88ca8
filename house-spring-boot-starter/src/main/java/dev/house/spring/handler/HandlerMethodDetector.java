package dev.house.spring.handler;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the route methods of {@link HouseHandler} beans the way Spring finds
 * {@code @EventListener} methods: {@link MethodIntrospector} on the user's class (so
 * annotations on interfaces and bridge methods are seen), then
 * {@link AopUtils#selectInvocableMethod} so a proxied bean is invoked through its proxy and keeps
 * its advice ({@code @Transactional}, security...). Whether two routes clash is house-core's rule,
 * applied when the routes are declared ({@code Router.Builder#refuseRepeatedRoutes()}).
 */
public final class HandlerMethodDetector {

    private final ConfigurableListableBeanFactory beanFactory;

    public HandlerMethodDetector(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * Every route method of every {@link HouseHandler} bean, in a stable order (by path, then
     * method).
     *
     * @throws IllegalStateException naming the method when it has several mappings
     */
    public List<HandlerMethod> detect() {
        List<HandlerMethod> found = new ArrayList<>();
        for (String beanName : beanFactory.getBeanNamesForAnnotation(HouseHandler.class)) {
            Class<?> userClass = targetClass(beanName);
            if (userClass == null || AnnotatedElementUtils.findMergedAnnotation(userClass, HouseHandler.class) == null) {
                continue;
            }
            Map<Method, RouteMapping> mapped = MethodIntrospector.selectMethods(userClass,
                    (MethodIntrospector.MetadataLookup<RouteMapping>) RouteMapping::of);
            if (mapped.isEmpty()) {
                continue;
            }
            Object bean = beanFactory.getBean(beanName);
            mapped.forEach((declared, mapping) -> found.add(new HandlerMethod(beanName, bean,
                    AopUtils.selectInvocableMethod(declared, bean.getClass()), declared, mapping)));
        }
        found.sort(Comparator.comparing((HandlerMethod h) -> h.mapping().path())
                .thenComparing(h -> String.valueOf(h.mapping().method()))
                .thenComparing(HandlerMethod::location));
        return found;
    }

    private @Nullable Class<?> targetClass(String beanName) {
        Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
        return type == null ? null : org.springframework.util.ClassUtils.getUserClass(type);
    }
}
