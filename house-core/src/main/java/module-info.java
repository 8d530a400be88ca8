/**
 * house-core: the event-driven HTTP server, its handler model and SSE channels.
 *
 * <p>Exported: the packages applications and the Spring starter program against. Not exported:
 * the protocols, {@code dev.house.core.http1} (request parser, connection state machine, response
 * encoder, streams) and {@code dev.house.core.http2} (HPACK, frames), reached only through the
 * server's assembly; {@code dev.house.core.http.internal}, through which protocols build requests
 * as received (so no application can forge {@code Request.isSecure()}); and {@code dev.house.core.io},
 * the event loops and transports. Loops appear in the API only as {@code http.StreamExecutor};
 * brokers implement {@code dev.house.core.sse.spi}, which names loops that way too.
 *
 * <p>The jar works the same on the class path, where this descriptor is ignored.
 */
module dev.house.core {
    requires org.slf4j;
    requires tools.jackson.databind;
    requires java.management; // FileDescriptors: the process's open file count
    requires jdk.management;

    exports dev.house.core;
    exports dev.house.core.cors;
    exports dev.house.core.files;
    exports dev.house.core.handler;
    exports dev.house.core.handler.param;
    exports dev.house.core.http;
    exports dev.house.core.multipart;
    exports dev.house.core.session;
    exports dev.house.core.sse;
    exports dev.house.core.sse.spi;
    exports dev.house.core.tls;
}
