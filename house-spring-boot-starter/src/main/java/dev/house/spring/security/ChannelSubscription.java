package dev.house.spring.security;

import dev.house.core.http.Request;

/**
 * What an {@code AuthorizationManager<ChannelSubscription>} decides on: a request asking to
 * subscribe to one SSE channel. The authentication is the one the manager is given, as for
 * any other secured object.
 *
 * @param request the request opening the stream
 * @param channel the channel name it asks for
 */
public record ChannelSubscription(Request request, String channel) {
}
