package dev.house.spring.server;

import dev.house.core.http.ExchangeListener;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each exchange event to several {@link ExchangeListener}s in order. One misbehaving
 * listener (one that throws) is logged and does not keep the others from hearing the event.
 */
public final class CompositeExchangeListener implements ExchangeListener {

    private static final Logger log = LoggerFactory.getLogger(CompositeExchangeListener.class);

    private final ExchangeListener[] listeners;

    private CompositeExchangeListener(List<ExchangeListener> listeners) {
        this.listeners = listeners.toArray(new ExchangeListener[0]);
    }

    /** The single listener itself, {@link ExchangeListener#NONE} for none, else a composite. */
    public static ExchangeListener of(List<ExchangeListener> listeners) {
        if (listeners.isEmpty()) {
            return ExchangeListener.NONE;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        return new CompositeExchangeListener(listeners);
    }

    @Override
    public void received(Request request) {
        for (ExchangeListener listener : listeners) {
            try {
                listener.received(request);
            } catch (RuntimeException ex) {
                misbehaved(listener, ex);
            }
        }
    }

    @Override
    public void routed(Request request, Route route) {
        for (ExchangeListener listener : listeners) {
            try {
                listener.routed(request, route);
            } catch (RuntimeException ex) {
                misbehaved(listener, ex);
            }
        }
    }

    @Override
    public void completed(Request request, @Nullable Route route, Response response, long nanos) {
        for (ExchangeListener listener : listeners) {
            try {
                listener.completed(request, route, response, nanos);
            } catch (RuntimeException ex) {
                misbehaved(listener, ex);
            }
        }
    }

    @Override
    public void failed(Request request, Throwable error) {
        for (ExchangeListener listener : listeners) {
            try {
                listener.failed(request, error);
            } catch (RuntimeException ex) {
                misbehaved(listener, ex);
            }
        }
    }

    private static void misbehaved(ExchangeListener listener, RuntimeException ex) {
        log.warn("exchange listener {} threw", listener, ex);
    }
}
