package dev.house.core.io;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Chooses the protocol of each connection among the registered {@link ProtocolFactory}s: by the
 * ALPN id the TLS handshake agreed on, or by the first bytes on a plain port, falling back to the
 * last (default) factory, the one that accepts anything. Immutable; shared by every loop.
 */
final class ProtocolSelector {
    private final List<ProtocolFactory> factories;

    ProtocolSelector(List<ProtocolFactory> factories) {
        if (factories.isEmpty()) {
            throw new IllegalArgumentException("at least one protocol is needed");
        }
        this.factories = List.copyOf(factories);
    }

    /** The factory used when nothing else decides: for rejections and as the fallback. */
    ProtocolFactory defaultFactory() {
        return factories.get(factories.size() - 1);
    }

    /** The ALPN ids, in order of preference. */
    List<String> names() {
        return factories.stream().map(ProtocolFactory::name).toList();
    }

    /**
     * The factory for a connection whose TLS handshake agreed on {@code alpn} ({@code null} or
     * empty when there was no TLS or no agreement), given its first bytes; {@code null} when
     * those bytes are too few to tell (wait for more).
     */
    ProtocolFactory select(String alpn, ByteBuffer firstBytes) {
        if (alpn != null && !alpn.isEmpty()) {
            for (ProtocolFactory f : factories) {
                if (f.name().equals(alpn)) {
                    return f;
                }
            }
        } else {
            for (ProtocolFactory f : factories) {
                if (f.accepts(firstBytes)) {
                    return f;
                }
                if (f.undecided(firstBytes)) {
                    return null;
                }
            }
        }
        return defaultFactory();
    }
}
