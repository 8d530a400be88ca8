package dev.house.core.handler;

import dev.house.core.handler.param.Arguments;

/**
 * Application code run with a request's converted, validated parameters: it only runs when
 * every declared parameter is present and valid. What it returns becomes the response according
 * to the route's {@link ResponseKind}.
 *
 * @param <R> what the handler returns
 */
@FunctionalInterface
public interface TypedHandler<R> {
    R handle(Arguments args) throws Exception;
}
