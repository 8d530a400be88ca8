package dev.house.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SSE subscribers by room. An event is encoded once and its buffer shared (retained) by every
 * subscriber; a subscriber whose unwritten output passed the water mark is cut, like house does.
 * An HTTP/2 subscriber is its stream's child channel, sent DATA frames instead of chunks.
 */
final class Rooms {
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Set<Channel>> rooms = new ConcurrentHashMap<>();

    void join(String room, Channel channel) {
        Set<Channel> members = rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet());
        members.add(channel);
        channel.closeFuture().addListener(f -> members.remove(channel));
    }

    /** Sends {@code data:<json>} to every member of {@code room}. */
    void publish(String room, byte[] json) {
        Set<Channel> members = rooms.get(room);
        if (members == null) {
            return;
        }
        ByteBuf event = Unpooled.directBuffer(json.length + 8)
                .writeBytes(DATA)
                .writeBytes(json)
                .writeByte('\n').writeByte('\n');
        try {
            for (Channel member : members) {
                if (!member.isWritable()) {
                    member.close();
                    continue;
                }
                ByteBuf payload = event.retainedDuplicate();
                member.writeAndFlush(member instanceof Http2StreamChannel ? new DefaultHttp2DataFrame(payload)
                        : new DefaultHttpContent(payload), member.voidPromise());
            }
        } finally {
            event.release();
        }
    }
}
