package dev.house.core.handler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A route's path split into segments: literals, variables ({@code {room}}, one non-empty segment)
 * and a final rest variable ({@code {*path}}, everything after the prefix). Literals are written
 * decoded, as request paths are matched after percent-decoding and normalisation.
 */
final class PathTemplate {
    enum Kind { LITERAL, VARIABLE, REST }

    /** One segment: for a literal its text, for a variable its name. */
    record Segment(Kind kind, String value) {
    }

    private final String text;
    private final List<Segment> segments;
    private final String[] variableNames;
    private final int[] variableDepths;

    private PathTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
        List<String> names = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).kind() != Kind.LITERAL) {
                names.add(segments.get(i).value());
                depths.add(i);
            }
        }
        this.variableNames = names.toArray(new String[0]);
        this.variableDepths = depths.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with {@code template}
     */
    static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("a path must start with '/': " + template);
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int start = 1;
        int len = template.length();
        while (true) {
            int slash = template.indexOf('/', start);
            int end = slash < 0 ? len : slash;
            String s = template.substring(start, end);
            boolean last = slash < 0;
            if (s.isEmpty() && !last) {
                throw new IllegalArgumentException("path " + template + " has an empty segment");
            }
            if (s.startsWith("{") && s.endsWith("}")) {
                boolean rest = s.startsWith("{*");
                String name = s.substring(rest ? 2 : 1, s.length() - 1);
                checkVariableName(template, name);
                if (!names.add(name)) {
                    throw new IllegalArgumentException("path " + template + " names variable '" + name + "' twice");
                }
                if (rest && !last) {
                    throw new IllegalArgumentException("path " + template + ": a rest variable {*" + name
                            + "} must be the last segment");
                }
                segments.add(new Segment(rest ? Kind.REST : Kind.VARIABLE, name));
            } else {
                if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("path " + template
                            + ": a variable must be a whole segment, like /rooms/{room}");
                }
                if (s.equals(".") || s.equals("..")) {
                    throw new IllegalArgumentException("path " + template + " has a '.' or '..' segment, which"
                            + " normalised request paths never contain");
                }
                segments.add(new Segment(Kind.LITERAL, s));
            }
            if (last) {
                break;
            }
            start = end + 1;
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    private static void checkVariableName(String template, String name) {
        boolean ok = !name.isEmpty() && Character.isJavaIdentifierStart(name.charAt(0));
        for (int i = 1; ok && i < name.length(); i++) {
            ok = Character.isJavaIdentifierPart(name.charAt(i));
        }
        if (!ok) {
            throw new IllegalArgumentException("path " + template + ": '" + name + "' is not a valid variable name");
        }
    }

    String text() {
        return text;
    }

    List<Segment> segments() {
        return segments;
    }

    boolean hasVariables() {
        return variableNames.length > 0;
    }

    boolean hasVariable(String name) {
        for (String n : variableNames) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    String[] variableNames() {
        return variableNames;
    }

    /** The segment index of each variable, in the order of {@link #variableNames()}. */
    int[] variableDepths() {
        return variableDepths;
    }

    /**
     * The variables of {@code path}, which this template is known to match: the value of each
     * variable segment, and for a rest variable everything after its prefix.
     */
    PathVariables extract(String path) {
        String[] values = new String[variableNames.length];
        int pos = 1;
        int v = 0;
        for (int depth = 0; v < values.length; depth++) {
            int slash = path.indexOf('/', pos);
            int end = slash < 0 ? path.length() : slash;
            if (depth == variableDepths[v]) {
                boolean rest = segments.get(depth).kind() == Kind.REST;
                values[v++] = path.substring(pos, rest ? path.length() : end);
            }
            pos = end + 1;
        }
        return new PathVariables(variableNames, values);
    }

    /** The template with variable names erased: two templates of equal shape match the same paths. */
    String shape() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append('/').append(s.kind() == Kind.LITERAL ? s.value() : s.kind() == Kind.VARIABLE ? "{}" : "{*}");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
