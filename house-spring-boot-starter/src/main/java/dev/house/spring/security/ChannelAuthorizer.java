package dev.house.spring.security;

import dev.house.core.http.Request;
import dev.house.core.sse.SubscribeAuthorizer;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;

/**
 * The {@link SubscribeAuthorizer} of {@link HouseSecurity#channels}: asks the application's
 * {@code AuthorizationManager<ChannelSubscription>} about each channel with the caller's
 * authentication; a refusal answers 403 before the stream starts.
 */
public final class ChannelAuthorizer implements SubscribeAuthorizer {


    private final AuthorizationManager<ChannelSubscription> manager;

    public ChannelAuthorizer(AuthorizationManager<ChannelSubscription> manager) {
        this.manager = manager;
    }

    /** The authorizer of {@code security}'s channel rule; everyone-to-everything when it has none. */
    public static SubscribeAuthorizer of(HouseSecurity security) {
        AuthorizationManager<ChannelSubscription> channels = security.channels();
        return channels == null ? SubscribeAuthorizer.ALLOW_ALL : new ChannelAuthorizer(channels);
    }

    @Override
    public boolean allows(Request request, String channel) {
        Authentication found = HouseSecurityContext.of(request);
        Authentication authentication = found == null ? HouseSecurityContext.ANONYMOUS : found;
        AuthorizationResult result = manager.authorize(() -> authentication, new ChannelSubscription(request, channel));
        return result == null || result.isGranted();
    }
}
