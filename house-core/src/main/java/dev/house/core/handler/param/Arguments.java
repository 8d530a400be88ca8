package dev.house.core.handler.param;

import dev.house.core.http.Request;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The converted, validated parameters of one request, handed to a typed handler (and, while they
 * are being converted, to custom types that depend on earlier parameters). Also gives the
 * {@link Request} itself for headers, cookies and interceptor attributes.
 */
public final class Arguments {
    private static final byte UNBOUND = 0;
    private static final byte BOUND = 1;
    private static final byte FAILED = 2;
    private static final Object[] NO_VALUES = new Object[0];
    private static final byte[] NO_STATE = new byte[0];

    private final Request request;
    private final List<Param<?>> params;
    private final Object[] values;
    private final byte[] state;

    Arguments(Request request, List<Param<?>> params) {
        this.request = request;
        this.params = params;
        // a route without parameters (the common /health, /hello) shares empty arrays
        this.values = params.isEmpty() ? NO_VALUES : new Object[params.size()];
        this.state = params.isEmpty() ? NO_STATE : new byte[params.size()];
    }

    /** The request being handled. */
    public Request request() {
        return request;
    }

    /** The value of {@code param} (matched by name), {@code null} for an absent optional parameter. */
    @SuppressWarnings("unchecked")
    public <T> T get(Param<T> param) {
        return (T) get(param.name());
    }

    /** The value of the parameter named {@code name}, as its type converted it. */
    public Object get(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter named '" + name + "' is declared");
        }
        if (state[i] == FAILED) {
            throw new UnavailableArgumentException(name);
        }
        if (state[i] == UNBOUND) {
            throw new IllegalStateException("parameter '" + name + "' is declared after the one reading it");
        }
        return values[i];
    }

    /** The value of the parameter named {@code name}, checked to be a {@code type}. */
    public <T> T get(String name, Class<T> type) {
        return type.cast(get(name));
    }

    /** Shorthand for a string parameter. */
    public String string(String name) {
        return get(name, String.class);
    }

    /** Every value in declaration order, for callers that bind by position (such as reflective invokers). */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values.clone()));
    }

    /** The declared parameters, in order. */
    public List<Param<?>> params() {
        return params;
    }

    void bind(int index, Object value) {
        values[index] = value;
        state[index] = BOUND;
    }

    void fail(int index) {
        state[index] = FAILED;
    }

    private int indexOf(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Arguments[");
        for (int i = 0; i < params.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(params.get(i).name());
        }
        return sb.append(']').toString();
    }

    /** Thrown when a type reads an earlier parameter that itself failed, so it cannot be checked. */
    static final class UnavailableArgumentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final String name;

        UnavailableArgumentException(String name) {
            super("parameter '" + name + "' is invalid", null, false, false);
            this.name = name;
        }
    }
}
