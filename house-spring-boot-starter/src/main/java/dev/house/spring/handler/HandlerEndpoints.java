package dev.house.spring.handler;

import dev.house.core.handler.Endpoint;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.TypeRegistry;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Response;
import dev.house.core.session.Sessions;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns route methods into house-core {@link Endpoint}s: their typed parameters, their handler
 * kind, where they run, and an invoker that calls the method. Checks at start-up what can be
 * checked then: parameter bindings, return types, redirect statuses.
 */
public final class HandlerEndpoints {

    private final TypeRegistry types;
    private final JsonMapper mapper;
    private final @Nullable ArgumentCheck check;
    private final @Nullable Sessions sessions;
    private final ExceptionHandlers exceptions;

    /**
     * @param types the parameter types (built-ins and {@code ParamType} beans)
     * @param mapper the application's JSON mapper, for bodies and responses
     * @param check how arguments are checked before a method runs, or {@code null} for no check
     * @param sessions the session store for {@code Session} parameters, or {@code null} when disabled
     */
    public HandlerEndpoints(TypeRegistry types, JsonMapper mapper, @Nullable ArgumentCheck check,
                            @Nullable Sessions sessions) {
        this(types, mapper, check, sessions, ExceptionHandlers.none(mapper));
    }

    /** As the four-argument constructor, with the {@link ExceptionHandler}s of {@link HouseAdvice} beans. */
    public HandlerEndpoints(TypeRegistry types, JsonMapper mapper, @Nullable ArgumentCheck check,
                            @Nullable Sessions sessions, ExceptionHandlers exceptions) {
        this.exceptions = exceptions;
        this.types = types;
        this.mapper = mapper;
        this.check = check;
        this.sessions = sessions;
    }

    /**
     * The endpoint of {@code handler}.
     *
     * @throws IllegalStateException naming the method when it cannot be a route as declared
     */
    public Endpoint endpoint(HandlerMethod handler) {
        Method declared = handler.declared();
        RouteMapping mapping = handler.mapping();
        List<MethodArgument> arguments = MethodArguments.of(declared, types, mapper, sessions);
        List<Param<?>> params = new ArrayList<>();
        for (MethodArgument argument : arguments) {
            if (argument instanceof MethodArgument.Typed typed) {
                params.add(typed.param());
            }
        }
        HttpMethod method = mapping.method();
        Endpoint.Builder endpoint = (method == null ? Endpoint.anyMethod(mapping.path()) : Endpoint.of(method, mapping.path()))
                .params(params)
                .execution(mapping.execution())
                .jsonMapper(mapper);
        if (mapping.unsafe()) {
            try {
                endpoint.unsafe();
            } catch (IllegalStateException notGet) {
                throw new IllegalStateException("house handler method " + HandlerMethod.describe(declared)
                        + ": unsafe = true is only for GET routes, whose HEAD it stops", notGet);
            }
        }
        HandlerInvoker invoker = new HandlerInvoker(handler, arguments, check, exceptions);
        return switch (mapping.kind()) {
            case CLOSING -> {
                String contentType = mapping.contentType();
                yield endpoint.contentType(contentType).closing(args -> {
                    Object result = invoker.handle(args);
                    return result instanceof Reply<?> || result instanceof ProblemDetail
                            ? Replies.render(result, args.request(), mapper, HttpStatus.OK, contentType, false) : result;
                });
            }
            case JSON -> {
                HttpStatus status = HttpStatus.of(mapping.status());
                yield endpoint.json(args -> Replies.render(invoker.handle(args), args.request(), mapper, status,
                        Response.APPLICATION_JSON, true));
            }
            case STREAM -> {
                requireReturn(declared, Response.class, "a stream route returns the Response of Response.stream(...)"
                        + " or of SseChannels.subscribe(...)");
                yield endpoint.stream(args -> (Response) invoker.handle(args));
            }
            case REDIRECT -> {
                requireReturn(declared, CharSequence.class, "a redirect route returns the location");
                HttpStatus status = redirectStatus(declared, mapping.status());
                yield endpoint.closing(args -> {
                    Object location = invoker.handle(args);
                    if (location instanceof Response problem) {
                        return problem;
                    }
                    return Response.of(status).header("Location", checkedLocation(location, handler));
                });
            }
        };
    }

    private static void requireReturn(Method method, Class<?> type, String rule) {
        if (!type.isAssignableFrom(method.getReturnType())) {
            throw new IllegalStateException("house handler method " + HandlerMethod.describe(method) + ": " + rule
                    + ", not " + method.getReturnType().getName());
        }
    }

    private static HttpStatus redirectStatus(Method method, int status) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalStateException("house handler method " + HandlerMethod.describe(method)
                    + ": a redirect status must be 301, 302, 303, 307 or 308, not " + status);
        }
        return HttpStatus.of(status);
    }

    /** A location that would break the header (CR, LF) or is no URI reference is a bug of the method: 500. */
    private static String checkedLocation(@Nullable Object location, HandlerMethod handler) {
        if (location == null || location.toString().isEmpty()) {
            throw new IllegalStateException(handler.location() + " returned no redirect location");
        }
        String text = location.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalStateException(handler.location() + " returned a redirect location with a control character");
            }
        }
        try {
            new URI(text);
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(handler.location() + " returned a redirect location that is no URI reference");
        }
        return text;
    }
}
