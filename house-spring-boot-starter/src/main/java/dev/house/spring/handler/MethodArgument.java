package dev.house.spring.handler;

import dev.house.core.handler.param.Arguments;
import dev.house.core.handler.param.InvalidParametersException;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamError;
import dev.house.core.http.BodyText;
import dev.house.core.http.Cookies;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.session.Sessions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where one parameter of a route method gets its value, decided once when the route is
 * declared: a typed house {@link Param} (path, body field, query), the request itself, a header,
 * a cookie, the session, or the whole JSON body. Made by {@link MethodArguments}.
 */
sealed interface MethodArgument {

    /** The value to pass, read from a request's bound {@link Arguments}. */
    @Nullable Object resolve(Arguments args) throws InvalidParametersException;

    /** The name the client knows the parameter by, used in validation errors. */
    String name();

    /** Whether the value is a whole JSON body (its properties are then named on their own). */
    default boolean isJsonBody() {
        return false;
    }

    /** Wraps a resolved value for an {@code Optional} parameter. */
    static @Nullable Object wrap(@Nullable Object value, boolean optionalType) {
        return optionalType ? Optional.ofNullable(value) : value;
    }

    /** A typed parameter bound and converted by house-core's binder. */
    record Typed(Param<?> param, boolean optionalType) implements MethodArgument {
        @Override
        public @Nullable Object resolve(Arguments args) {
            return wrap(args.get(param), optionalType);
        }

        @Override
        public String name() {
            return param.name();
        }
    }

    /** The request itself. */
    record WholeRequest() implements MethodArgument {
        @Override
        public Object resolve(Arguments args) {
            return args.request();
        }

        @Override
        public String name() {
            return "request";
        }
    }

    /** The request's session: created when needed, unless the parameter is optional. */
    record SessionArg(Sessions sessions, boolean create, boolean optionalType) implements MethodArgument {
        @Override
        public @Nullable Object resolve(Arguments args) {
            Request request = args.request();
            return wrap(create ? sessions.getOrCreate(request) : sessions.get(request), optionalType);
        }

        @Override
        public String name() {
            return "session";
        }
    }

    /**
     * Who is calling, as house security authenticated them: a {@link java.security.Principal}
     * or Spring Security {@code Authentication} parameter, or one annotated
     * {@code @AuthenticationPrincipal} (the authentication's principal). Null (or a 401 for a
     * required one) when nobody is signed in.
     */
    record Caller(boolean principalOnly, boolean required, boolean optionalType) implements MethodArgument {
        private static final String AUTHENTICATION = "org.springframework.security.core.Authentication";
        private static final String AUTHENTICATION_PRINCIPAL =
                "org.springframework.security.core.annotation.AuthenticationPrincipal";
        /** Where house security leaves the request's authentication (HouseSecurityContext.REQUEST_ATTRIBUTE). */
        private static final String ATTRIBUTE = "dev.house.spring.authentication";

        static @Nullable MethodArgument of(java.lang.reflect.Parameter parameter, Class<?> type, boolean nullable,
                                           boolean optionalType) {
            for (java.lang.annotation.Annotation annotation : parameter.getAnnotations()) {
                if (annotation.annotationType().getName().equals(AUTHENTICATION_PRINCIPAL)) {
                    return new Caller(true, !nullable, optionalType);
                }
            }
            if (type == java.security.Principal.class || isAuthentication(type)) {
                return new Caller(false, !nullable, optionalType);
            }
            return null;
        }

        private static boolean isAuthentication(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (c.getName().equals(AUTHENTICATION)) {
                    return true;
                }
                for (Class<?> i : c.getInterfaces()) {
                    if (isAuthentication(i)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public @Nullable Object resolve(Arguments args) {
            Object authentication = args.request().attribute(ATTRIBUTE);
            Object value = authentication instanceof java.security.Principal p && !isAnonymous(p)
                    ? (principalOnly ? SecurityPrincipal.of(p) : p) : null;
            if (value == null && required) {
                throw new dev.house.core.http.HttpException(dev.house.core.http.HttpStatus.UNAUTHORIZED,
                        "Authentication is required");
            }
            return wrap(value, optionalType);
        }

        private static boolean isAnonymous(java.security.Principal principal) {
            return principal.getClass().getName().equals(
                    "org.springframework.security.authentication.AnonymousAuthenticationToken");
        }

        @Override
        public String name() {
            return "principal";
        }

        /** Loaded only when an {@code @AuthenticationPrincipal} parameter resolves, so Spring Security is there. */
        private static final class SecurityPrincipal {
            static @Nullable Object of(java.security.Principal authentication) {
                return ((org.springframework.security.core.Authentication) authentication).getPrincipal();
            }
        }
    }

    /** A request header. */
    record Header(String name, boolean required, boolean optionalType) implements MethodArgument {
        @Override
        public @Nullable Object resolve(Arguments args) {
            String value = args.request().header(name);
            if (value == null && required) {
                throw InvalidParametersException.of(List.of(
                        new ParamError(name, ParamError.MISSING, "header is required", Map.of())));
            }
            return wrap(value, optionalType);
        }
    }

    /** A cookie of the request's {@code Cookie} header. */
    record Cookie(String name, boolean required, boolean optionalType) implements MethodArgument {
        @Override
        public @Nullable Object resolve(Arguments args) {
            String value = cookie(args.request(), name);
            if (value == null && required) {
                throw InvalidParametersException.of(List.of(
                        new ParamError(name, ParamError.MISSING, "cookie is required", Map.of())));
            }
            return wrap(value, optionalType);
        }

        /** The value of the first cookie called {@code name}: {@code Cookie: a=1; b=2}, by house-core's rule. */
        static @Nullable String cookie(Request request, String name) {
            return Cookies.first(request, name);
        }
    }

    /**
     * The whole request body as JSON, read into the parameter's type as strictly as house-core
     * reads JSON (a repeated property or trailing content is an error).
     */
    record JsonBody(String name, JavaType type, ObjectReader reader, boolean required, boolean optionalType)
            implements MethodArgument {

        JsonBody(String name, JavaType type, JsonMapper mapper, boolean required, boolean optionalType) {
            this(name, type, mapper.reader()
                    .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .forType(type), required, optionalType);
        }

        @Override
        public @Nullable Object resolve(Arguments args) {
            Request request = args.request();
            byte[] body = request.body();
            if (body.length == 0) {
                if (required) {
                    throw InvalidParametersException.body("a JSON body is required");
                }
                return wrap(null, optionalType);
            }
            String mediaType = request.mediaType();
            if (mediaType != null && !mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
                throw new HttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json");
            }
            try {
                BodyText.requireJsonUtf8(request); // house-core's rule: UTF-8 only, strictly (RFC 8259)
            } catch (HttpException e) {
                if (e.status() != HttpStatus.BAD_REQUEST) {
                    throw e;
                }
                throw InvalidParametersException.body(e.getMessage());
            }
            try {
                return wrap(reader.readValue(body), optionalType);
            } catch (StreamReadException ex) {
                throw InvalidParametersException.body("the body is not well-formed JSON");
            } catch (JacksonException ex) {
                String at = path(ex);
                throw InvalidParametersException.body("the body does not fit the expected "
                        + type.getRawClass().getSimpleName() + (at.isEmpty() ? "" : " at '" + at + "'"));
            }
        }

        /**
         * Where in the body reading failed, as property names and indexes; empty for a property
         * the type does not have, since that name is the client's own text.
         */
        private static String path(JacksonException ex) {
            if (ex instanceof UnrecognizedPropertyException) {
                return "";
            }
            StringBuilder at = new StringBuilder();
            for (JacksonException.Reference reference : ex.getPath()) {
                String property = reference.getPropertyName();
                if (property != null) {
                    if (!at.isEmpty()) {
                        at.append('.');
                    }
                    at.append(property);
                } else if (reference.getIndex() >= 0) {
                    at.append('[').append(reference.getIndex()).append(']');
                }
            }
            return at.toString();
        }

        @Override
        public boolean isJsonBody() {
            return true;
        }
    }
}
