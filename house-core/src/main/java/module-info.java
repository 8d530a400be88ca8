/**
 * house-core: the event-driven HTTP server, its handler model and SSE channels.
 *
 * <p>Exported: the packages applications and the Spring starter program against. Not exported:
 * the protocols, {@code dev.house.core.http1} (connection state machine, response encoder,
 * streams) and {@code dev.house.core.http2} (HPACK, frames), reached only through the server's
 * assembly. {@code dev.house.core.io} is exported for
 * its loop API ({@code EventLoop}, {@code Scheduled}, {@code Workers}), which brokers and the
 * starter use; its other public types ({@code Connection}, {@code Protocol}, {@code ServerRuntime})
 * are public only so protocols in other packages can plug in, and are not API.
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
    exports dev.house.core.io;
    exports dev.house.core.multipart;
    exports dev.house.core.session;
    exports dev.house.core.sse;
    exports dev.house.core.sse.spi;
    exports dev.house.core.tls;
}
