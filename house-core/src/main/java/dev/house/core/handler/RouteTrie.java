package dev.house.core.handler;

import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The compiled, immutable segment tree the router matches request paths against. Literal
 * segments are tried before a variable, a variable before a rest variable, backtracking when a
 * branch fails; routes without variables are also indexed by their whole path, so the common
 * case is one hash lookup. Matching compares regions of the path in place and allocates nothing
 * unless no route serves the method (the 405 bookkeeping).
 */
final class RouteTrie {
    private static final HttpMethod[] METHODS = HttpMethod.values();

    /** The routes of one matched path, by method. */
    static final class Node {
        private final String[] literalKeys;
        private final Node[] literalNodes;
        private final Node variable;
        private final Node rest;
        private final Entry[] byMethod;
        private final Entry any;
        private final boolean hasRoutes;
        private final String allow;
        private final Route methodNotAllowed;
        /** HEAD at a GET route with side effects: the 405, so no other template's GET answers it. */
        private final Entry headRefused;

        Node(String[] literalKeys, Node[] literalNodes, Node variable, Node rest, Entry[] byMethod, Entry any,
             boolean hasRoutes, String allow, Route methodNotAllowed) {
            this.literalKeys = literalKeys;
            this.literalNodes = literalNodes;
            this.variable = variable;
            this.rest = rest;
            this.byMethod = byMethod;
            this.any = any;
            this.hasRoutes = hasRoutes;
            this.allow = allow;
            this.methodNotAllowed = methodNotAllowed;
            this.headRefused = methodNotAllowed == null ? null : new Entry(methodNotAllowed, false);
        }

        /**
         * The route for {@code method}: its own, else GET's for HEAD, else the any-method route.
         * HEAD at a GET route with side effects is this node's 405 (when no any-method route
         * takes it): the path is served, just not to HEAD, so matching must not go on to a
         * broader template such as a static-files {@code /{*path}}, whose GET would answer it.
         */
        Entry entryFor(HttpMethod method) {
            Entry e = byMethod[method.ordinal()];
            if (e == null && method == HttpMethod.HEAD) {
                Entry get = byMethod[HttpMethod.GET.ordinal()];
                if (get != null) {
                    return get.answersHead ? get : any != null ? any : headRefused;
                }
            }
            return e != null ? e : any;
        }

        private Node literal(String path, int from, int to) {
            int len = to - from;
            for (int i = 0; i < literalKeys.length; i++) {
                String key = literalKeys[i];
                if (key.length() == len && path.regionMatches(from, key, 0, len)) {
                    return literalNodes[i];
                }
            }
            return null;
        }
    }

    /** One declared route. */
    static final class Entry {
        final Route route;
        /** For a GET route: whether HEAD may run it (false when it declared side effects). */
        final boolean answersHead;

        Entry(Route route, boolean answersHead) {
            this.route = route;
            this.answersHead = answersHead;
        }
    }

    /** The GET route when it may also answer HEAD, else {@code null}. */
    private static Entry headFromGet(Entry[] byMethod) {
        Entry get = byMethod[HttpMethod.GET.ordinal()];
        return get != null && get.answersHead ? get : null;
    }

    private final Node root;
    private final Map<String, Node> exact;
    private final Function<String, Route> methodNotAllowed;

    RouteTrie(Node root, Map<String, Node> exact, Function<String, Route> methodNotAllowed) {
        this.root = root;
        this.exact = exact;
        this.methodNotAllowed = methodNotAllowed;
    }

    /**
     * Finds the route for {@code request}. Allocates nothing when a route matches: path variables
     * are extracted later, off the event loop, by the route's handler.
     *
     * @return the route; {@code notFound} when no path matches; a 405 route when only other methods do
     */
    Route match(Request request, Route notFound) {
        String path = request.path();
        HttpMethod method = request.method();
        Node node = exact.get(path);
        if (node != null) {
            Entry e = node.entryFor(method);
            if (e != null) {
                return e.route;
            }
        }
        if (path.isEmpty() || path.charAt(0) != '/') {
            return notFound;
        }
        Entry found = find(root, path, 1, method);
        if (found != null) {
            return found.route;
        }
        // Rare: no route for this method. Walk again collecting every node the path reaches.
        List<Node> pathMatches = new ArrayList<>(2);
        collect(root, path, 1, pathMatches);
        if (pathMatches.isEmpty()) {
            return notFound;
        }
        if (pathMatches.size() == 1) {
            return pathMatches.get(0).methodNotAllowed;
        }
        // Several templates match the path with other methods: Allow lists them all.
        Entry[] union = new Entry[METHODS.length];
        for (Node n : pathMatches) {
            for (int i = 0; i < union.length; i++) {
                if (n.byMethod[i] != null) {
                    union[i] = n.byMethod[i];
                }
            }
        }
        return methodNotAllowed.apply(allow(union));
    }

    /**
     * Matches the segment of {@code path} starting at {@code pos} (just after a '/') below
     * {@code node}: literal first, then a variable (never an empty segment), then a rest variable.
     */
    private static Entry find(Node node, String path, int pos, HttpMethod method) {
        int len = path.length();
        int slash = path.indexOf('/', pos);
        int end = slash < 0 ? len : slash;
        boolean last = slash < 0;
        Node literal = node.literal(path, pos, end);
        if (literal != null) {
            Entry e = last ? literal.entryFor(method) : find(literal, path, end + 1, method);
            if (e != null) {
                return e;
            }
        }
        if (node.variable != null && end > pos) {
            Entry e = last ? node.variable.entryFor(method) : find(node.variable, path, end + 1, method);
            if (e != null) {
                return e;
            }
        }
        return node.rest == null ? null : node.rest.entryFor(method);
    }

    /** Adds every node with routes that {@code path} reaches, whatever their methods. */
    private static void collect(Node node, String path, int pos, List<Node> out) {
        int len = path.length();
        int slash = path.indexOf('/', pos);
        int end = slash < 0 ? len : slash;
        boolean last = slash < 0;
        Node literal = node.literal(path, pos, end);
        if (literal != null) {
            if (last) {
                addIfRouted(literal, out);
            } else {
                collect(literal, path, end + 1, out);
            }
        }
        if (node.variable != null && end > pos) {
            if (last) {
                addIfRouted(node.variable, out);
            } else {
                collect(node.variable, path, end + 1, out);
            }
        }
        if (node.rest != null) {
            addIfRouted(node.rest, out);
        }
    }

    private static void addIfRouted(Node node, List<Node> out) {
        if (node.hasRoutes) {
            out.add(node);
        }
    }

    /** The {@code Allow} header value for a node's methods (HEAD whenever GET answers it). */
    static String allow(Entry[] byMethod) {
        StringJoiner allow = new StringJoiner(", ");
        for (HttpMethod m : METHODS) {
            if (byMethod[m.ordinal()] != null || (m == HttpMethod.HEAD && headFromGet(byMethod) != null)) {
                allow.add(m.name());
            }
        }
        return allow.toString();
    }
}
