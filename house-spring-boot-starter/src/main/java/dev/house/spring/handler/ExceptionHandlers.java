package dev.house.spring.handler;

import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers exceptions thrown by route methods the Spring way: {@link ExceptionHandler} methods of
 * the route's own bean, then of {@link HouseAdvice} beans, the closest declared type winning; else
 * the exception's {@link ResponseStatus} (or Spring's). What no rule answers goes on to house-core
 * (an {@code HttpException}'s status, else a 500).
 */
public final class ExceptionHandlers {

    private static final String SPRING_RESPONSE_STATUS = "org.springframework.web.bind.annotation.ResponseStatus";

    private final List<Handler> global;
    private final JsonMapper mapper;
    private final Map<Class<?>, List<Handler>> local = new ConcurrentHashMap<>();

    /** @param advice the {@link HouseAdvice} beans */
    public ExceptionHandlers(List<Object> advice, JsonMapper mapper) {
        this.mapper = mapper;
        List<Handler> all = new ArrayList<>();
        for (Object bean : advice) {
            all.addAll(handlersOf(bean));
        }
        this.global = List.copyOf(all);
    }

    /** None: no advice beans; local handlers still work. */
    public static ExceptionHandlers none(JsonMapper mapper) {
        return new ExceptionHandlers(List.of(), mapper);
    }

    /** The answer to {@code failure} thrown by a route of {@code bean}, or {@code null} when no rule takes it. */
    @Nullable Response handle(Exception failure, Object bean, Request request) throws Exception {
        List<Handler> own = local.computeIfAbsent(AopUtils.getTargetClass(bean), type -> handlersOf(bean));
        Handler best = closest(own, failure.getClass(), null);
        best = closest(global, failure.getClass(), best);
        if (best != null) {
            return best.invoke(failure, request, mapper);
        }
        return byStatusAnnotation(failure, request);
    }

    private static @Nullable Handler closest(List<Handler> handlers, Class<?> thrown, @Nullable Handler sofar) {
        Handler best = sofar;
        int bestDistance = sofar == null ? Integer.MAX_VALUE : sofar.distance(thrown);
        for (Handler handler : handlers) {
            int distance = handler.distance(thrown);
            if (distance < bestDistance) {
                best = handler;
                bestDistance = distance;
            }
        }
        return best;
    }

    private @Nullable Response byStatusAnnotation(Exception failure, Request request) {
        Status status = status(MergedAnnotations.from(failure.getClass(), MergedAnnotations.SearchStrategy.TYPE_HIERARCHY));
        if (status == null) {
            return null;
        }
        String reason = status.reason.isEmpty() ? HttpStatus.of(status.code).reason() : status.reason;
        return Response.error(request, HttpStatus.of(status.code), reason);
    }

    /** House's or Spring's {@code @ResponseStatus} among {@code annotations}. */
    static @Nullable Status status(MergedAnnotations annotations) {
        MergedAnnotation<ResponseStatus> own = annotations.get(ResponseStatus.class);
        if (own.isPresent()) {
            return new Status(own.getInt("value"), own.getString("reason"));
        }
        MergedAnnotation<?> spring = annotations.get(SPRING_RESPONSE_STATUS);
        if (spring.isPresent()) {
            Object code = spring.getValue("code").orElse(null);
            int value = code instanceof Enum<?> e ? statusOf(e) : 500;
            return new Status(value, spring.getString("reason"));
        }
        return null;
    }

    private static int statusOf(Enum<?> springStatus) {
        Method value = ReflectionUtils.findMethod(springStatus.getClass(), "value");
        return value == null ? 500 : (int) ReflectionUtils.invokeMethod(value, springStatus);
    }

    record Status(int code, String reason) {
    }

    private static List<Handler> handlersOf(Object bean) {
        Class<?> type = AopUtils.getTargetClass(bean);
        List<Handler> found = new ArrayList<>();
        ReflectionUtils.doWithMethods(type, method -> {
            ExceptionHandler annotation = method.getAnnotation(ExceptionHandler.class);
            if (annotation == null) {
                return;
            }
            List<Class<?>> types = new ArrayList<>(List.of(annotation.value()));
            if (types.isEmpty()) {
                for (Class<?> parameter : method.getParameterTypes()) {
                    if (Throwable.class.isAssignableFrom(parameter)) {
                        types.add(parameter);
                    }
                }
            }
            if (types.isEmpty()) {
                throw new IllegalStateException("@ExceptionHandler " + HandlerMethod.describe(method)
                        + " names no exception type (in the annotation or as a parameter)");
            }
            for (Class<?> parameter : method.getParameterTypes()) {
                if (parameter != Request.class && !Throwable.class.isAssignableFrom(parameter)) {
                    throw new IllegalStateException("@ExceptionHandler " + HandlerMethod.describe(method)
                            + " may take only the exception and the Request, not " + parameter.getName());
                }
            }
            Method invocable = ClassUtils.getMostSpecificMethod(method, bean.getClass());
            ReflectionUtils.makeAccessible(invocable);
            Status status = status(MergedAnnotations.from(method));
            found.add(new Handler(bean, invocable, List.copyOf(types), status));
        });
        return List.copyOf(found);
    }

    /** One {@link ExceptionHandler} method. */
    private record Handler(Object bean, Method method, List<Class<?>> types, @Nullable Status status) {

        /** How many superclass steps from {@code thrown} to the nearest handled type; MAX_VALUE when none. */
        int distance(Class<?> thrown) {
            int best = Integer.MAX_VALUE;
            for (Class<?> type : types) {
                int depth = 0;
                for (Class<?> c = thrown; c != null; c = c.getSuperclass(), depth++) {
                    if (c == type) {
                        best = Math.min(best, depth);
                        break;
                    }
                }
            }
            return best;
        }

        Response invoke(Exception failure, Request request, JsonMapper mapper) throws Exception {
            Class<?>[] parameters = method.getParameterTypes();
            Object[] args = new Object[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                args[i] = parameters[i] == Request.class ? request
                        : parameters[i].isInstance(failure) ? failure : null;
            }
            Object result;
            try {
                result = method.invoke(bean, args);
            } catch (InvocationTargetException ex) {
                Throwable cause = ex.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                throw (Error) cause;
            }
            int code = status == null ? 200 : status.code();
            return Replies.render(result, request, mapper, HttpStatus.of(code), Response.APPLICATION_JSON, true);
        }
    }
}
