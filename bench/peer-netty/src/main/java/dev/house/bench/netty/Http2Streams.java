package dev.house.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Netty peer's HTTP/2 (bench s1h2, s2h2, s3h2): {@code Http2FrameCodec} and
 * {@code Http2MultiplexHandler}, one child channel per stream, as Netty's own HTTP/2 examples set
 * it up. The two hot requests, {@code GET /hello} and {@code GET /source}, are answered with
 * frames straight from the HEADERS frame (what a performance-minded Netty user writes); anything
 * else (the publisher's {@code POST /send-message}, rarely sent over h2) goes through Netty's
 * frame-to-HTTP/1 codec into the same {@link BenchHandler} as HTTP/1.1.
 */
final class Http2Streams {
    private static final ByteBuf HELLO = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(12).writeBytes("Hello, world".getBytes(StandardCharsets.US_ASCII)));
    private static final ByteBuf CONNECTED = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(16).writeBytes(": connected\n\n".getBytes(StandardCharsets.US_ASCII)));
    private static final AsciiString GET = AsciiString.cached("GET");
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString EVENT_STREAM = AsciiString.cached("text/event-stream");
    private static final AsciiString NO_CACHE = AsciiString.cached("no-cache");
    private static final AsciiString TWELVE = AsciiString.cached("12");

    private Http2Streams() {
    }

    /** The two handlers that make a connection speak HTTP/2, in pipeline order. */
    static ChannelHandler[] connectionHandlers(Rooms rooms) {
        StreamHandler streams = new StreamHandler(rooms);
        return new ChannelHandler[] {
            Http2FrameCodecBuilder.forServer().build(),
            new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel ch) {
                    ch.pipeline().addLast(streams);
                }
            })
        };
    }

    /**
     * What {@code CleartextHttp2ServerUpgradeHandler} puts in its place when a connection starts with
     * the HTTP/2 preface: the two connection handlers, where it stood, and the HTTP/1.1 handlers after it gone.
     */
    static ChannelHandler priorKnowledge(Rooms rooms) {
        return new ChannelHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ChannelPipeline pipeline = ctx.pipeline();
                ChannelHandler[] http2 = connectionHandlers(rooms);
                pipeline.addAfter(ctx.name(), "h2-frames", http2[0]).addAfter("h2-frames", null, http2[1]);
                pipeline.remove(this);
                pipeline.remove(HttpObjectAggregator.class);
                pipeline.remove(BenchHandler.class);
            }
        };
    }

    /** One stream's request: the hot paths answered in frames, the rest handed to the HTTP/1 handler. */
    @ChannelHandler.Sharable
    private static final class StreamHandler extends ChannelInboundHandlerAdapter {
        private final Rooms rooms;

        StreamHandler(Rooms rooms) {
            this.rooms = rooms;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Http2HeadersFrame frame)) {
                ReferenceCountUtil.release(msg); // DATA of a stream answered from its HEADERS
                return;
            }
            if (frame.isEndStream() && GET.contentEquals(frame.headers().method())) {
                QueryStringDecoder uri = new QueryStringDecoder(frame.headers().path().toString());
                if (uri.path().equals("/hello")) {
                    Http2Headers headers = new DefaultHttp2Headers().status("200")
                            .set("content-type", TEXT_PLAIN).set("content-length", TWELVE);
                    ctx.write(new DefaultHttp2HeadersFrame(headers), ctx.voidPromise());
                    ctx.write(new DefaultHttp2DataFrame(HELLO.duplicate(), true), ctx.voidPromise());
                    return;
                }
                List<String> room = uri.parameters().get("room");
                if (uri.path().equals("/source") && room != null && !room.isEmpty()) {
                    Http2Headers headers = new DefaultHttp2Headers().status("200")
                            .set("content-type", EVENT_STREAM).set("cache-control", NO_CACHE);
                    ctx.write(new DefaultHttp2HeadersFrame(headers), ctx.voidPromise());
                    ctx.writeAndFlush(new DefaultHttp2DataFrame(CONNECTED.duplicate()), ctx.voidPromise());
                    rooms.join(room.get(0), ctx.channel());
                    return;
                }
            }
            // anything else: Netty's HTTP/1 view of the stream and the HTTP/1.1 handler
            ctx.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                    new HttpObjectAggregator(1024 * 1024), new BenchHandler(rooms));
            ctx.pipeline().remove(this);
            ctx.pipeline().fireChannelRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
