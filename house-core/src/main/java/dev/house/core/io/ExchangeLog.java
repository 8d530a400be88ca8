package dev.house.core.io;

import dev.house.core.http.ExchangeListener;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each exchange's life at DEBUG under {@code dev.house.exchange} (house's {@code debug!}
 * hooks): received, routed, completed with status and time, failed. Nothing is formatted while
 * DEBUG is off.
 */
final class ExchangeLog implements ExchangeListener {
    private static final Logger log = LoggerFactory.getLogger("dev.house.exchange");

    private final ExchangeListener next;

    ExchangeLog(ExchangeListener next) {
        this.next = next;
    }

    @Override
    public void received(Request request) {
        if (log.isDebugEnabled()) {
            log.debug("#{} received {} from {}", request.id(), request, request.remoteAddress());
        }
        next.received(request);
    }

    @Override
    public void routed(Request request, Route route) {
        if (log.isDebugEnabled()) {
            log.debug("#{} routed to '{}' on {}", request.id(), route.template(), route.execution());
        }
        next.routed(request, route);
    }

    @Override
    public void completed(Request request, Route route, Response response, long nanos) {
        if (log.isDebugEnabled()) {
            log.debug("#{} answered {} in {} µs", request.id(), response.status().code(),
                    TimeUnit.NANOSECONDS.toMicros(nanos));
        }
        next.completed(request, route, response, nanos);
    }

    @Override
    public void failed(Request request, Throwable error) {
        if (log.isDebugEnabled()) {
            log.debug("#{} failed: {}", request.id(), error.toString());
        }
        next.failed(request, error);
    }
}
