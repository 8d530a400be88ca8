package dev.house.spring.handler;

import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamType;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.handler.param.Source;
import dev.house.core.handler.param.TypeRegistry;
import dev.house.core.http.Request;
import dev.house.core.session.Session;
import dev.house.core.session.Sessions;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides, once per route method, where each of its parameters comes from: {@link Request} and
 * {@link Session} (created when needed, unless optional) by type, {@link RequestHeader}, {@link CookieValue} and {@link JsonBody} by annotation, and
 * everything else as a typed house parameter named after the Java parameter (compile with
 * {@code -parameters}) or {@link HttpParam#name()}, converted by the type registered for its class
 * (or {@link HttpParam#type()}). {@code Optional}, {@code @Nullable} and
 * {@link HttpParam#defaultValue()} make a parameter optional. Any problem fails start-up naming
 * the method and parameter.
 */
final class MethodArguments {

    private MethodArguments() {
    }

    static List<MethodArgument> of(Method method, TypeRegistry types, JsonMapper mapper, @Nullable Sessions sessions) {
        List<MethodArgument> arguments = new ArrayList<>(method.getParameterCount());
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            try {
                arguments.add(of(parameters[i], new MethodParameter(method, i), types, mapper, sessions));
            } catch (IllegalArgumentException | IllegalStateException ex) {
                throw new IllegalStateException("house handler method " + HandlerMethod.describe(method)
                        + ", parameter " + (i + 1) + " (" + parameters[i].getName() + "): " + ex.getMessage(), ex);
            }
        }
        return arguments;
    }

    private static MethodArgument of(Parameter parameter, MethodParameter methodParameter, TypeRegistry types,
                                     JsonMapper mapper, @Nullable Sessions sessions) {
        boolean optionalType = parameter.getType() == Optional.class;
        ResolvableType declared = ResolvableType.forMethodParameter(methodParameter);
        ResolvableType valueType = optionalType ? declared.getGeneric(0) : declared;
        Class<?> valueClass = valueType.toClass();
        boolean nullable = optionalType || isNullable(parameter);

        if (valueClass == Request.class) {
            return new MethodArgument.WholeRequest();
        }
        if (valueClass == Session.class) {
            if (sessions == null) {
                throw new IllegalStateException("sessions are disabled (house.session.enabled=false)");
            }
            return new MethodArgument.SessionArg(sessions, !nullable, optionalType);
        }
        MethodArgument principal = MethodArgument.Caller.of(parameter, valueClass, nullable, optionalType);
        if (principal != null) {
            return principal;
        }
        RequestHeader header = parameter.getAnnotation(RequestHeader.class);
        if (header != null) {
            requireString(valueClass, "@RequestHeader");
            return new MethodArgument.Header(header.value(), !nullable, optionalType);
        }
        CookieValue cookie = parameter.getAnnotation(CookieValue.class);
        if (cookie != null) {
            requireString(valueClass, "@CookieValue");
            String name = cookie.value().isEmpty() ? javaName(parameter) : cookie.value();
            return new MethodArgument.Cookie(name, !nullable, optionalType);
        }
        if (parameter.isAnnotationPresent(JsonBody.class)) {
            return new MethodArgument.JsonBody(javaName(parameter), mapper.constructType(valueType.getType()), mapper,
                    !nullable, optionalType);
        }
        return new MethodArgument.Typed(param(parameter, valueType, nullable, types), optionalType);
    }

    private static Param<?> param(Parameter parameter, ResolvableType valueType, boolean nullable,
                                  TypeRegistry types) {
        HttpParam annotation = parameter.getAnnotation(HttpParam.class);
        String name = annotation != null && !annotation.name().isEmpty() ? annotation.name() : javaName(parameter);
        Param<?> param;
        if (annotation != null && !annotation.type().isEmpty()) {
            param = Param.ofType(name, annotation.type());
        } else if (valueType.toClass() == List.class) {
            param = Param.of(name, ParamTypes.listOf(registered(valueType.getGeneric(0).toClass(), types)));
        } else {
            param = Param.of(name, registered(valueType.toClass(), types));
        }
        param = param.resolve(types);
        if (annotation != null && annotation.from().length > 0) {
            Source[] from = annotation.from();
            param = param.from(from[0], Arrays.copyOfRange(from, 1, from.length));
        }
        if (annotation != null && !HttpParam.NO_DEFAULT.equals(annotation.defaultValue())) {
            return withDefault(param, annotation.defaultValue());
        }
        if (nullable) {
            if (parameter.getType().isPrimitive()) {
                throw new IllegalStateException("a primitive cannot be absent: use its wrapper type, Optional,"
                        + " or a default value");
            }
            return param.optional();
        }
        return param;
    }

    private static <T> ParamType<T> registered(Class<T> javaType, TypeRegistry types) {
        @SuppressWarnings("unchecked")
        Class<T> boxed = (Class<T>) ClassUtils.resolvePrimitiveIfNecessary(javaType);
        return types.forClass(boxed).orElseThrow(() -> new IllegalStateException("no parameter type is registered"
                + " for " + javaType.getName() + ": declare a ParamType bean for it, or bind a JSON body with @JsonBody"));
    }

    /** The default is converted like a sent value, now, so a bad default fails start-up. */
    private static <T> Param<T> withDefault(Param<T> param, String text) {
        T value;
        try {
            value = param.type().parse(text, null);
        } catch (Exception ex) {
            throw new IllegalStateException("the default value does not convert to " + param.type().name(), ex);
        }
        if (value == null) {
            throw new IllegalStateException("the default value does not convert to " + param.type().name());
        }
        return param.optional(value);
    }

    private static String javaName(Parameter parameter) {
        if (!parameter.isNamePresent()) {
            throw new IllegalStateException("its name is not in the class file: compile with -parameters,"
                    + " or name it with @HttpParam(name = ...)");
        }
        return parameter.getName();
    }

    private static void requireString(Class<?> type, String annotation) {
        if (type != String.class) {
            throw new IllegalStateException(annotation + " binds a String (or Optional<String>), not " + type.getName());
        }
    }

    /** Any annotation named {@code Nullable} (JSpecify, Jakarta, Spring...), on the parameter or its type. */
    private static boolean isNullable(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        AnnotatedType type = parameter.getAnnotatedType();
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }
}
