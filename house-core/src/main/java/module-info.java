/**
 * house-core: the event-driven HTTP server, its handler model and SSE channels.
 *
 * <p>Exported: the packages applications and the Spring starter program against. Not exported:
 * the protocols, {@code dev.house.core.http1} (request parser, connection state machine, response
 * encoder, streams) and {@code dev.house.core.http2} (HPACK, frames), reached only through the
 * server's assembly, and {@code dev.house.core.http.internal}, through which protocols build
 * requests as received (so no application can forge {@code Request.isSecure()}).
 * {@code dev.house.core.io} is exported only until {@code sse} and the starter's Redis broker stop
 * naming {@code EventLoop} (issue 18); nothing else exported names an {@code io} type, so then its
 * line goes. Its public types ({@code Connection}, {@code Protocol}, {@code ServerRuntime}) are
 * public only so protocols in other packages can plug in, and are not API.
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
    exports dev.house.core.io; // until sse and the Redis broker stop naming EventLoop (issue 18)
    exports dev.house.core.multipart;
    exports dev.house.core.session;
    exports dev.house.core.sse;
    exports dev.house.core.tls;
}
