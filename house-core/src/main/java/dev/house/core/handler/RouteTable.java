package dev.house.core.handler;

import dev.house.core.http.HttpMethod;
import dev.house.core.http.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes being declared, as a mutable segment tree that detects clashes as they are added:
 * the same method and template again replaces the earlier route (with a warning), or is refused
 * once {@link #refuseRepeats()} is set, while two templates that differ only in variable names
 * would match the same paths and are always refused. A route for any method beside routes for
 * given methods on the same template is no clash: the given methods win.
 * {@link #compile} freezes it into the {@link RouteTrie} the router matches with.
 *
 * @param <R> what a route is before it is compiled
 */
final class RouteTable<R> {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private static final class Node<R> {
        final Map<String, Node<R>> literals = new LinkedHashMap<>();
        Node<R> variable;
        Node<R> rest;
        /** By method; the {@code null} key is the route accepting any method. */
        final Map<HttpMethod, Declared<R>> routes = new LinkedHashMap<>();
    }

    private record Declared<R>(PathTemplate template, R route, boolean answersHead) {
    }

    /** A route being compiled, with its parsed template. */
    record Compiling<R>(PathTemplate template, R route) {
    }

    private final Node<R> root = new Node<>();
    private boolean refuseRepeats;

    /** From now on, the same method and template declared again is refused instead of replacing the earlier route. */
    void refuseRepeats() {
        refuseRepeats = true;
    }

    /**
     * @param method the method, or {@code null} for a route accepting any method
     * @throws IllegalArgumentException when the route is ambiguous with one already declared
     */
    void add(HttpMethod method, PathTemplate template, R route) {
        add(method, template, route, true);
    }

    /**
     * @param answersHead for a GET route, whether it also answers HEAD (false for a route with side effects)
     * @throws IllegalArgumentException when the route is ambiguous with one already declared
     */
    void add(HttpMethod method, PathTemplate template, R route, boolean answersHead) {
        Node<R> node = root;
        for (PathTemplate.Segment s : template.segments()) {
            switch (s.kind()) {
                case LITERAL:
                    node = node.literals.computeIfAbsent(s.value(), k -> new Node<>());
                    break;
                case VARIABLE:
                    node = node.variable == null ? (node.variable = new Node<>()) : node.variable;
                    break;
                default:
                    node = node.rest == null ? (node.rest = new Node<>()) : node.rest;
                    break;
            }
        }
        Declared<R> earlier = node.routes.get(method);
        String what = (method == null ? "ANY" : method.name()) + " " + template;
        if (earlier != null) {
            if (!earlier.template().text().equals(template.text())) {
                throw new IllegalArgumentException("route " + what + " is ambiguous with "
                        + (method == null ? "ANY" : method.name()) + " " + earlier.template()
                        + ": both match the same paths; use the same variable names to replace it");
            }
            if (refuseRepeats) {
                throw new IllegalArgumentException("route " + what + " is declared twice");
            }
            LOG.warn("Route {} declared again; the new handler replaces the earlier one", what);
        }
        node.routes.put(method, new Declared<>(template, route, answersHead));
    }

    /** Freezes the routes, turning each into a {@link Route} with {@code compiler}. */
    RouteTrie compile(Function<Compiling<R>, Route> compiler, Function<String, Route> methodNotAllowed) {
        Map<String, RouteTrie.Node> exact = new HashMap<>();
        RouteTrie.Node compiledRoot = compile(root, "", 0, true, compiler, methodNotAllowed, exact);
        return new RouteTrie(compiledRoot, exact, methodNotAllowed);
    }

    private RouteTrie.Node compile(Node<R> node, String literalPath, int depth, boolean allLiteral,
                                   Function<Compiling<R>, Route> compiler, Function<String, Route> methodNotAllowed,
                                   Map<String, RouteTrie.Node> exact) {
        List<String> keys = new ArrayList<>(node.literals.keySet());
        RouteTrie.Node[] children = new RouteTrie.Node[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            children[i] = compile(node.literals.get(keys.get(i)), literalPath + "/" + keys.get(i), depth + 1,
                    allLiteral, compiler, methodNotAllowed, exact);
        }
        RouteTrie.Node variable = node.variable == null ? null
                : compile(node.variable, null, depth + 1, false, compiler, methodNotAllowed, exact);
        RouteTrie.Node rest = node.rest == null ? null
                : compile(node.rest, null, depth + 1, false, compiler, methodNotAllowed, exact);
        RouteTrie.Entry[] byMethod = new RouteTrie.Entry[HttpMethod.values().length];
        RouteTrie.Entry any = null;
        for (Map.Entry<HttpMethod, Declared<R>> e : node.routes.entrySet()) {
            Declared<R> d = e.getValue();
            RouteTrie.Entry entry = new RouteTrie.Entry(compiler.apply(new Compiling<>(d.template(), d.route())),
                    d.answersHead());
            if (e.getKey() == null) {
                any = entry;
            } else {
                byMethod[e.getKey().ordinal()] = entry;
            }
        }
        String allow = RouteTrie.allow(byMethod);
        Route notAllowed = node.routes.isEmpty() || any != null ? null : methodNotAllowed.apply(allow);
        RouteTrie.Node compiled = new RouteTrie.Node(keys.toArray(new String[0]), children, variable, rest,
                byMethod, any, !node.routes.isEmpty(), allow, notAllowed);
        if (allLiteral && !node.routes.isEmpty() && depth > 0) {
            exact.put(literalPath, compiled);
        }
        return compiled;
    }
}
