package dev.house.core.handler.param;

import dev.house.core.http.HttpException;
import dev.house.core.http.Request;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a request into {@link Arguments} for a list of {@link Param} declarations: gathers each
 * parameter's raw values from its sources, converts them with its type, checks its restrictions,
 * and either returns every value or throws one {@link InvalidParametersException} listing every
 * failing parameter. Parameters are bound in declaration order, so a type may read the ones
 * before it. Built once per route, when it is declared; thread-safe.
 */
public final class ParamBinder {
    /** In precedence order; cached because {@code values()} copies the array on every call. */
    private static final Source[] SOURCES = Source.values();

    private final List<Param<?>> params;
    private final boolean readsBody;
    private final ObjectReader strictJson;

    private ParamBinder(List<Param<?>> params, ObjectReader strictJson) {
        this.params = params;
        this.strictJson = strictJson;
        boolean body = false;
        for (Param<?> p : params) {
            body |= p.sources().contains(Source.BODY);
        }
        this.readsBody = body;
    }

    /**
     * Resolves the types of {@code declared} in {@code registry} and checks the declarations:
     * names are unique, every dependency of a type is declared earlier, and every default meets
     * its restrictions.
     *
     * @param mapper reads JSON bodies
     * @throws IllegalArgumentException naming the first problem found
     */
    public static ParamBinder of(List<? extends Param<?>> declared, TypeRegistry registry, JsonMapper mapper) {
        Objects.requireNonNull(registry, "registry");
        List<Param<?>> resolved = new ArrayList<>(declared.size());
        Set<String> seen = new HashSet<>();
        for (Param<?> p : declared) {
            Param<?> r = p.resolve(registry);
            if (!seen.add(r.name())) {
                throw new IllegalArgumentException("parameter '" + r.name() + "' is declared twice");
            }
            for (String dependency : r.type().dependsOn()) {
                if (dependency.equals(r.name()) || !seen.contains(dependency)) {
                    throw new IllegalArgumentException("parameter '" + r.name() + "' of type " + r.type().name()
                            + " depends on '" + dependency + "', which must be declared before it");
                }
            }
            checkDefault(r);
            resolved.add(r);
        }
        return new ParamBinder(Collections.unmodifiableList(resolved), BodyValues.strictReader(mapper));
    }

    private static <T> void checkDefault(Param<T> p) {
        if (p.defaultValue() != null) {
            Restriction<? super T> violated = p.firstViolated(p.defaultValue());
            if (violated != null) {
                throw new IllegalArgumentException("the default of parameter '" + p.name()
                        + "' violates its restriction: " + violated.message());
            }
        }
    }

    /** The declarations with their types resolved, in order. */
    public List<Param<?>> params() {
        return params;
    }

    /**
     * Binds every parameter of {@code request}.
     *
     * @param pathVariables the value of a path variable by name, {@code null} when there is none
     * @throws InvalidParametersException listing every parameter that is missing or invalid
     * @throws HttpException when the body cannot be read, or a type answers with its own status
     */
    public Arguments bind(Request request, Function<String, String> pathVariables) {
        Arguments args = new Arguments(request, params);
        BodyValues body = readsBody ? null : BodyValues.NONE;
        List<ParamError> errors = null;
        for (int i = 0; i < params.size(); i++) {
            Param<?> p = params.get(i);
            if (body == null && p.sources().contains(Source.BODY)) {
                body = BodyValues.decode(request, strictJson);
            }
            ParamError error = bindOne(i, p, args, request, body, pathVariables);
            if (error != null) {
                args.fail(i);
                if (errors == null) {
                    errors = new ArrayList<>(2);
                }
                errors.add(error);
            }
        }
        if (errors != null) {
            throw InvalidParametersException.of(errors);
        }
        return args;
    }

    private static <T> ParamError bindOne(int index, Param<T> p, Arguments args, Request request, BodyValues body,
                                          Function<String, String> pathVariables) {
        String name = p.name();
        List<RawValue> chosen = null;
        Source chosenFrom = null;
        for (Source source : SOURCES) {
            if (!p.sources().contains(source)) {
                continue;
            }
            List<RawValue> values = values(source, name, request, body, pathVariables);
            if (values.isEmpty()) {
                continue;
            }
            if (chosen == null) {
                chosen = values;
                chosenFrom = source;
            } else if (!RawValue.same(chosen, values)) {
                return ParamError.conflict(name, chosenFrom, source);
            }
        }
        if (chosen == null) {
            if (p.isRequired()) {
                return ParamError.missing(name);
            }
            args.bind(index, p.defaultValue());
            return null;
        }
        T value;
        ParamType<T> type = p.type();
        try {
            if (type instanceof ListType) {
                @SuppressWarnings("unchecked")
                T list = (T) convertList(name, (ListType<?>) type, chosen, args);
                value = list;
            } else {
                if (chosen.size() > 1) {
                    return ParamError.repeated(name, chosen.size());
                }
                value = chosen.get(0).convert(type, args);
                if (value == null) {
                    return ParamError.type(name, type, "");
                }
            }
        } catch (ElementFailure e) {
            return e.error;
        } catch (Arguments.UnavailableArgumentException e) {
            return ParamError.dependency(name, e.name);
        } catch (HttpException e) {
            throw e;
        } catch (Exception e) {
            // The conversion's own message may quote the input, so only the expected type is reported.
            return ParamError.type(name, type, "");
        }
        Restriction<? super T> violated = p.firstViolated(value);
        if (violated != null) {
            return ParamError.restriction(name, violated);
        }
        args.bind(index, value);
        return null;
    }

    private static List<RawValue> values(Source source, String name, Request request, BodyValues body,
                                         Function<String, String> pathVariables) {
        switch (source) {
            case PATH:
                String v = pathVariables.apply(name);
                return v == null ? List.of() : List.of(RawValue.text(v));
            case BODY:
                return body.values(name);
            default:
                List<String> texts = request.queryParameters().get(name);
                if (texts == null) {
                    return List.of();
                }
                List<RawValue> out = new ArrayList<>(texts.size());
                for (String t : texts) {
                    out.add(RawValue.text(t));
                }
                return out;
        }
    }

    /** Every element of every raw value, converted; a failure names the element's position (from 1). */
    private static <E> List<E> convertList(String name, ListType<E> type, List<RawValue> raws, Arguments args)
            throws Exception {
        ParamType<E> element = type.element();
        List<E> out = new ArrayList<>();
        for (RawValue raw : raws) {
            if (raw.text != null) {
                for (String part : ListType.split(raw.text)) {
                    out.add(convertElement(name, element, RawValue.text(part), out.size(), args));
                }
            } else if (raw.json != null && raw.json.isArray()) {
                for (JsonNode item : raw.json.values()) {
                    out.add(convertElement(name, element, RawValue.json(item), out.size(), args));
                }
            } else {
                out.add(convertElement(name, element, raw, out.size(), args));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static <E> E convertElement(String name, ParamType<E> element, RawValue raw, int index, Arguments args)
            throws Exception {
        E value;
        try {
            value = raw.json != null && raw.json.isNull() ? null : raw.convert(element, args);
        } catch (Arguments.UnavailableArgumentException | HttpException e) {
            throw e;
        } catch (Exception e) {
            value = null;
        }
        if (value == null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("expected", element.name());
            details.put("index", index);
            throw new ElementFailure(new ParamError(name, ParamError.TYPE,
                    "element " + (index + 1) + " must be " + element.description(), details));
        }
        return value;
    }

    /** Carries a list element's failure out of the conversion loop. */
    private static final class ElementFailure extends Exception {
        private static final long serialVersionUID = 1L;

        final transient ParamError error;

        ElementFailure(ParamError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }
}
