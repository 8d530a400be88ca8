package dev.house.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Serves the three bench endpoints; writes are flushed once per read batch (pipelining). */
final class BenchHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ByteBuf HELLO = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(12).writeBytes("Hello, world".getBytes(StandardCharsets.US_ASCII)));
    private static final ByteBuf CONNECTED = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(16).writeBytes(": connected\n\n".getBytes(StandardCharsets.US_ASCII)));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Rooms rooms;

    BenchHandler(Rooms rooms) {
        this.rooms = rooms;
    }

    /** The JSON published to a room. */
    record Message(String name, String message, long at) {
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        if (req.method() == HttpMethod.GET && path.equals("/hello")) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    HELLO.duplicate());
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, 12);
            respond(ctx, req, res);
        } else if (req.method() == HttpMethod.GET && path.equals("/source")) {
            String room = first(uri.parameters(), "room");
            if (room == null) {
                respond(ctx, req, status(HttpResponseStatus.BAD_REQUEST));
                return;
            }
            HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            ctx.write(res);
            ctx.writeAndFlush(new DefaultHttpContent(CONNECTED.duplicate()));
            rooms.join(room, ctx.channel());
        } else if (req.method() == HttpMethod.POST && path.equals("/send-message")) {
            Map<String, List<String>> form = fields(req);
            String room = first(form, "room");
            String name = first(form, "name");
            String message = first(form, "message");
            if (room == null || name == null || message == null) {
                respond(ctx, req, status(HttpResponseStatus.BAD_REQUEST));
                return;
            }
            rooms.publish(room, JSON.writeValueAsBytes(new Message(name, message, System.currentTimeMillis())));
            respond(ctx, req, status(HttpResponseStatus.NO_CONTENT));
        } else {
            respond(ctx, req, status(HttpResponseStatus.NOT_FOUND));
        }
    }

    private static Map<String, List<String>> fields(FullHttpRequest req) {
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        String body = req.content().toString(StandardCharsets.UTF_8);
        if (type.startsWith("application/json")) {
            JsonNode tree = JSON.readTree(body);
            return Map.of("room", List.of(tree.path("room").asString("")),
                    "name", List.of(tree.path("name").asString("")),
                    "message", List.of(tree.path("message").asString("")));
        }
        return new QueryStringDecoder(body, false).parameters();
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static FullHttpResponse status(HttpResponseStatus status) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        if (status != HttpResponseStatus.NO_CONTENT) {
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        return res;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse res) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            if (req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.write(res, ctx.voidPromise());
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
