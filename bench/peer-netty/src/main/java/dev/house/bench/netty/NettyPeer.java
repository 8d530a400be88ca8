package dev.house.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;

/**
 * The raw Netty 4.2 peer: {@link HttpServerCodec} plus one hand-written handler, no framework.
 * It is the ceiling a JVM server can reach, so it gets what a performance-minded Netty user
 * would use: the native epoll transport when available, writes flushed once per read batch.
 * HTTPS when {@code TLS_KEYSTORE} names a PKCS12 key store (see {@link NettyTls}). With
 * {@code BENCH_HTTP2=1} it speaks HTTP/2 as well ({@link Http2Streams}): by ALPN over TLS, and with
 * prior knowledge on the plain port, where HTTP/1.1 keeps working.
 */
public final class NettyPeer {
    /** Same bound on unwritten bytes per SSE connection as house's default, for a like-for-like S4. */
    static final int MAX_PENDING_BYTES = 256 * 1024;

    private NettyPeer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8080"));
        boolean epoll = Epoll.isAvailable() && !"nio".equals(System.getProperty("bench.transport"));
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), io);
        Rooms rooms = new Rooms();
        boolean http2 = "1".equals(System.getenv("BENCH_HTTP2"));
        SslContext tls = NettyTls.fromEnvironment(http2);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(MAX_PENDING_BYTES / 2, MAX_PENDING_BYTES))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc())); // first: decrypts for the codec
                            }
                            if (!http2) {
                                http1(ch.pipeline(), rooms);
                            } else if (tls != null) {
                                ch.pipeline().addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                                    @Override
                                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                            ctx.pipeline().addLast(Http2Streams.connectionHandlers(rooms));
                                        } else {
                                            http1(ctx.pipeline(), rooms);
                                        }
                                    }
                                });
                            } else {
                                // h2c by prior knowledge (the preface), else HTTP/1.1; no Upgrade: h2c (deprecated by RFC 9113)
                                HttpServerCodec codec = new HttpServerCodec();
                                ch.pipeline().addLast(new CleartextHttp2ServerUpgradeHandler(codec,
                                        new HttpServerUpgradeHandler(codec, protocol -> null), Http2Streams.priorKnowledge(rooms)));
                                ch.pipeline().addLast(new HttpObjectAggregator(1024 * 1024)).addLast(new BenchHandler(rooms));
                            }
                        }
                    })
                    .bind(port).sync().channel();
            System.out.println("netty peer listening on " + port + (epoll ? " (epoll)" : " (nio)")
                    + (tls != null ? " with TLS" : "") + (http2 ? ", HTTP/2 too" : ""));
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    private static void http1(ChannelPipeline pipeline, Rooms rooms) {
        pipeline.addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(1024 * 1024))
                .addLast(new BenchHandler(rooms));
    }
}
