package dev.house.spring.actuate.web;

import java.util.Collection;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/** Picks the produced media type a request's {@code Accept} header asks for. */
final class MediaTypes {

    private MediaTypes() {
    }

    /**
     * The first of {@code produced} that {@code accept} allows, taking the header's ranges in
     * order of preference; the operation's first type when the header is absent or allows none
     * (an Actuator client asking for something else still gets an answer it can read).
     */
    static @Nullable String negotiate(@Nullable String accept, Collection<String> produced) {
        Iterator<String> first = produced.iterator();
        if (!first.hasNext()) {
            return null;
        }
        if (accept != null && !accept.isBlank()) {
            try {
                var ranges = MimeTypeUtils.parseMimeTypes(accept);
                ranges.sort((a, b) -> Double.compare(quality(b), quality(a)));
                for (MimeType range : ranges) {
                    for (String type : produced) {
                        if (range.includes(MimeTypeUtils.parseMimeType(type))) {
                            return type;
                        }
                    }
                }
            } catch (IllegalArgumentException ex) {
                // An unreadable Accept header asks for nothing in particular.
            }
        }
        return first.next();
    }

    private static double quality(MimeType type) {
        String q = type.getParameter("q");
        try {
            return q == null ? 1.0 : Double.parseDouble(q);
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
