package dev.house.spring.sse;

import dev.house.core.http.Request;
import dev.house.core.sse.SubscribeAuthorizer;
import java.util.List;

/**
 * Lets a request subscribe to a channel only when every one of several authorizers allows it,
 * asked in order; the first refusal decides.
 */
public final class AllOfSubscribeAuthorizer implements SubscribeAuthorizer {

    private final SubscribeAuthorizer[] authorizers;

    private AllOfSubscribeAuthorizer(List<SubscribeAuthorizer> authorizers) {
        this.authorizers = authorizers.toArray(new SubscribeAuthorizer[0]);
    }

    /** {@link SubscribeAuthorizer#ALLOW_ALL} for none, the single one itself, else all of them. */
    public static SubscribeAuthorizer of(List<SubscribeAuthorizer> authorizers) {
        if (authorizers.isEmpty()) {
            return SubscribeAuthorizer.ALLOW_ALL;
        }
        if (authorizers.size() == 1) {
            return authorizers.get(0);
        }
        return new AllOfSubscribeAuthorizer(authorizers);
    }

    @Override
    public boolean allows(Request request, String channel) {
        for (SubscribeAuthorizer authorizer : authorizers) {
            if (!authorizer.allows(request, channel)) {
                return false;
            }
        }
        return true;
    }
}
