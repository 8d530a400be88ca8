package dev.house.spring.handler;

import dev.house.core.handler.param.ParamType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Reflection hints for a native image, worked out ahead of time from the bean factory: every
 * {@link HouseHandler} route method (house invokes it reflectively), the types of its parameters
 * and its return type (JSON bodies and answers, bound and written by Jackson), the annotations
 * on its parameters (read by Bean Validation and by the binder), and the value types of
 * {@link ParamType} beans. Registered in {@code META-INF/spring/aot.factories}.
 */
final class HouseHandlerRuntimeHints implements BeanFactoryInitializationAotProcessor {

    private static final String PACKAGE_JAVA = "java.";

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        Map<Class<?>, Set<Method>> handlers = new LinkedHashMap<>();
        for (String name : beanFactory.getBeanNamesForAnnotation(HouseHandler.class)) {
            Class<?> type = beanFactory.getType(name, false);
            if (type == null) {
                continue;
            }
            Class<?> userClass = ClassUtils.getUserClass(type);
            Set<Method> methods = MethodIntrospector.selectMethods(userClass,
                    (MethodIntrospector.MetadataLookup<RouteMapping>) RouteMapping::of).keySet();
            if (!methods.isEmpty()) {
                handlers.put(userClass, methods);
            }
        }
        Set<Type> paramValueTypes = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanNamesForType(ParamType.class, true, false)) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null) {
                Class<?> value = ResolvableType.forClass(type).as(ParamType.class).getGeneric(0).resolve();
                if (value != null) {
                    paramValueTypes.add(value);
                }
            }
        }
        if (handlers.isEmpty() && paramValueTypes.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> register(generationContext.getRuntimeHints().reflection(), handlers,
                paramValueTypes);
    }

    static void register(ReflectionHints reflection, Map<Class<?>, Set<Method>> handlers, Set<Type> paramValueTypes) {
        BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
        handlers.forEach((type, methods) -> {
            reflection.registerType(type, MemberCategory.INTROSPECT_DECLARED_METHODS);
            for (Method method : methods) {
                reflection.registerMethod(method, ExecutableMode.INVOKE);
                for (Parameter parameter : method.getParameters()) {
                    bind(bindings, reflection, parameter.getParameterizedType());
                    for (Annotation annotation : parameter.getAnnotations()) {
                        reflection.registerType(annotation.annotationType(), MemberCategory.INVOKE_DECLARED_METHODS);
                    }
                }
                bind(bindings, reflection, method.getGenericReturnType());
            }
        });
        paramValueTypes.forEach(type -> bind(bindings, reflection, type));
    }

    /** JSON binding hints for application types; the JDK's and house's own types need none. */
    private static void bind(BindingReflectionHintsRegistrar bindings, ReflectionHints reflection, Type type) {
        Class<?> raw = ResolvableType.forType(type).resolve();
        if (raw == null || raw.isPrimitive() || raw.getName().startsWith(PACKAGE_JAVA)
                || raw.getName().startsWith("dev.house.core.")) {
            // Generic containers (List<Order>, Optional<Order>) still bind their element types.
            for (ResolvableType generic : ResolvableType.forType(type).getGenerics()) {
                if (generic.getType() != type && generic.resolve() != null) {
                    bind(bindings, reflection, generic.getType());
                }
            }
            return;
        }
        bindings.registerReflectionHints(reflection, type);
    }
}
