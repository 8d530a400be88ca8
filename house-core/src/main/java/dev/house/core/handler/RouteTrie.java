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
 * case is one hash lookup. Matching compares regions of the path in place and allocates only
 * for a match with variables (their values) or a miss (the 404/405 bookkeeping).
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
        }

        /** The route for {@code method}: its own, else GET's for HEAD, else the any-method route. */
        Entry entryFor(HttpMethod method) {
            Entry e = byMethod[method.ordinal()];
            if (e == null && method == HttpMethod.HEAD) {
                e = byMethod[HttpMethod.GET.ordinal()];
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

    /** One route with the names and segment positions of its variables. */
    static final class Entry {
        final Route route;
        private final String[] variableNames;
        private final int[] variableDepths;

        Entry(Route route, String[] variableNames, int[] variableDepths) {
            this.route = route;
            this.variableNames = variableNames;
            this.variableDepths = variableDepths;
        }
    }

    private final Node root;
    private final Map<String, Node> exact;
    private final int maxDepth;
    private final Function<String, Route> methodNotAllowed;

    RouteTrie(Node root, Map<String, Node> exact, int maxDepth, Function<String, Route> methodNotAllowed) {
        this.root = root;
        this.exact = exact;
        this.maxDepth = maxDepth;
        this.methodNotAllowed = methodNotAllowed;
    }

    /**
     * Finds the route for {@code request}, storing matched path variables as a request attribute.
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
        Search search = new Search(path, method);
        Entry found = search.find(root, 1, 0);
        if (found != null) {
            if (found.variableNames.length > 0) {
                String[] values = new String[found.variableNames.length];
                for (int i = 0; i < values.length; i++) {
                    int d = found.variableDepths[i];
                    values[i] = path.substring(search.bounds[2 * d], search.bounds[2 * d + 1]);
                }
                request.attribute(PathVariables.ATTRIBUTE, new PathVariables(found.variableNames, values));
            }
            return found.route;
        }
        if (search.pathMatches == null) {
            return notFound;
        }
        if (search.pathMatches.size() == 1) {
            return search.pathMatches.get(0).methodNotAllowed;
        }
        // Several templates match the path with other methods: Allow lists them all.
        Entry[] union = new Entry[METHODS.length];
        for (Node n : search.pathMatches) {
            for (int i = 0; i < union.length; i++) {
                if (n.byMethod[i] != null) {
                    union[i] = n.byMethod[i];
                }
            }
        }
        return methodNotAllowed.apply(allow(union));
    }

    /** The {@code Allow} header value for a node's methods (HEAD whenever GET). */
    static String allow(Entry[] byMethod) {
        StringJoiner allow = new StringJoiner(", ");
        for (HttpMethod m : METHODS) {
            if (byMethod[m.ordinal()] != null
                    || (m == HttpMethod.HEAD && byMethod[HttpMethod.GET.ordinal()] != null)) {
                allow.add(m.name());
            }
        }
        return allow.toString();
    }

    /** One request's walk down the tree. */
    private final class Search {
        private final String path;
        private final HttpMethod method;
        private int[] bounds;
        private List<Node> pathMatches;

        Search(String path, HttpMethod method) {
            this.path = path;
            this.method = method;
        }

        /** Matches the segment starting at {@code pos} (just after a '/') at segment index {@code depth}. */
        Entry find(Node node, int pos, int depth) {
            int len = path.length();
            int slash = path.indexOf('/', pos);
            int end = slash < 0 ? len : slash;
            boolean last = slash < 0;
            Node literal = node.literal(path, pos, end);
            if (literal != null) {
                Entry e = last ? accept(literal) : find(literal, end + 1, depth + 1);
                if (e != null) {
                    return e;
                }
            }
            if (node.variable != null && end > pos) {
                Entry e = last ? accept(node.variable) : find(node.variable, end + 1, depth + 1);
                if (e != null) {
                    capture(depth, pos, end);
                    return e;
                }
            }
            if (node.rest != null) {
                Entry e = accept(node.rest);
                if (e != null) {
                    capture(depth, pos, len);
                    return e;
                }
            }
            return null;
        }

        private Entry accept(Node node) {
            if (!node.hasRoutes) {
                return null;
            }
            Entry e = node.entryFor(method);
            if (e == null) {
                if (pathMatches == null) {
                    pathMatches = new ArrayList<>(2);
                }
                pathMatches.add(node);
            }
            return e;
        }

        private void capture(int depth, int from, int to) {
            if (bounds == null) {
                bounds = new int[2 * Math.max(maxDepth, depth + 1)];
            }
            bounds[2 * depth] = from;
            bounds[2 * depth + 1] = to;
        }
    }
}
