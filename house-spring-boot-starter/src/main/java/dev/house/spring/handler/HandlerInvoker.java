package dev.house.spring.handler;

import dev.house.core.handler.TypedHandler;
import dev.house.core.handler.param.Arguments;
import dev.house.core.handler.param.InvalidParametersException;
import dev.house.core.handler.param.ParamError;
import dev.house.core.http.Response;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Calls one route method with a request's arguments: resolves each parameter, checks the
 * arguments (Bean Validation) and calls the method on its bean ({@link MethodCall}, built once),
 * through the bean's proxy when it has one. Invalid arguments answer 400
 * {@code application/problem+json}, one entry per violation, without running the method.
 */
final class HandlerInvoker implements TypedHandler<Object> {

    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final HandlerMethod handler;
    private final MethodArgument[] arguments;
    private final String[] names;
    private final boolean[] jsonBodies;
    private final @Nullable ArgumentCheck check;
    private final ExceptionHandlers exceptions;
    private final MethodCall call;

    /** Invalid arguments are thrown as {@link InvalidParametersException}: house-core answers them. */
    HandlerInvoker(HandlerMethod handler, List<MethodArgument> arguments, @Nullable ArgumentCheck check,
                   ExceptionHandlers exceptions) {
        this.exceptions = exceptions;
        this.handler = handler;
        this.arguments = arguments.toArray(new MethodArgument[0]);
        this.names = new String[this.arguments.length];
        this.jsonBodies = new boolean[this.arguments.length];
        for (int i = 0; i < this.arguments.length; i++) {
            names[i] = this.arguments[i].name();
            jsonBodies[i] = this.arguments[i].isJsonBody();
        }
        this.check = check;
        this.call = MethodCall.of(handler.bean(), handler.method());
    }

    @Override
    public @Nullable Object handle(Arguments args) throws Exception {
        @Nullable Object[] values = arguments.length == 0 ? NO_ARGUMENTS : new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].resolve(args);
        }
        if (check != null) {
            List<ArgumentViolation> violations = check.check(handler.bean(), handler.declared(), values, names,
                    jsonBodies);
            if (!violations.isEmpty()) {
                throw InvalidParametersException.of(errors(violations));
            }
        }
        try {
            return call.call(values);
        } catch (Exception exception) {
            Response answer = exceptions.handle(exception, handler.bean(), args.request());
            if (answer != null) {
                return answer;
            }
            throw exception;
        } catch (Error error) {
            throw error;
        } catch (Throwable other) { // neither an Exception nor an Error: nothing the method can declare
            throw new UndeclaredThrowableException(other);
        }
    }

    private static List<ParamError> errors(List<ArgumentViolation> violations) {
        List<ParamError> errors = new ArrayList<>(violations.size());
        for (ArgumentViolation violation : violations) {
            errors.add(new ParamError(violation.name(), ParamError.RESTRICTION, violation.message(),
                    Map.of("constraint", violation.constraint())));
        }
        return errors;
    }

    @Override
    public String toString() {
        return handler.location();
    }
}
