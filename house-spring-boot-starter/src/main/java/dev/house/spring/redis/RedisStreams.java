package dev.house.spring.redis;

import dev.house.core.sse.EventId;
import dev.house.core.sse.SseEvent;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The broker's data in Redis: one stream per channel ({@code <prefix>channel:<name>}), a global
 * last-issued id ({@code <prefix>last}) and the first id of the current data set
 * ({@code <prefix>since}), and the two Lua scripts that touch them atomically. Publishing assigns
 * ids from Redis {@code TIME} under the global last id, so ids increase across all channels and all
 * nodes; trimming records the newest removed id as the stream's {@code max-deleted-entry-id},
 * which is what tells a resuming client's id apart from one whose events are gone.
 */
final class RedisStreams {
    private static final String NAME = "n";
    private static final String DATA = "d";
    private static final String COMMENT = "c";
    private static final String RETRY = "r";

    /**
     * KEYS: stream, last, since. ARGV: max length, ttl millis, field/value pairs. Returns the id.
     * Ids are {@code TIME} millis and a sequence within the millisecond, never below the global
     * last id (so a clock step back cannot reorder them). Trimming by age and length happens here
     * rather than with XADD's options because Redis does not record trimmed ids; XSETID does.
     * A stream created afresh may replace one that expired (TTL after its last event), whose
     * events were all older than now - ttl: that bound becomes its max-deleted id.
     */
    static final String PUBLISH = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ms, seq = now, 0
            local last = redis.call('GET', KEYS[2])
            if last then
              local dash = string.find(last, '-', 1, true)
              local lms = tonumber(string.sub(last, 1, dash - 1))
              if lms >= now then
                ms = lms
                seq = tonumber(string.sub(last, dash + 1)) + 1
              end
            end
            local id = string.format('%.0f-%.0f', ms, seq)
            if not last then
              redis.call('SET', KEYS[3], id)
            end
            redis.call('SET', KEYS[2], id)
            local maxlen = tonumber(ARGV[1])
            local ttl = tonumber(ARGV[2])
            local fresh = redis.call('EXISTS', KEYS[1]) == 0
            redis.call('XADD', KEYS[1], id, unpack(ARGV, 3))
            local trimmed = nil
            if fresh and last then
              trimmed = string.format('%.0f-0', ms - ttl + 1)
            end
            local minid = string.format('%.0f-0', now - ttl)
            local aged = redis.call('XREVRANGE', KEYS[1], '(' .. minid, '-', 'COUNT', 1)
            if #aged > 0 then
              trimmed = aged[1][1]
              redis.call('XTRIM', KEYS[1], 'MINID', minid)
            end
            local excess = redis.call('XLEN', KEYS[1]) - maxlen
            if excess > 0 then
              local gone = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', excess)
              trimmed = gone[#gone][1]
              redis.call('XTRIM', KEYS[1], 'MAXLEN', maxlen)
            end
            if trimmed then
              redis.call('XSETID', KEYS[1], id, 'MAXDELETEDID', trimmed)
            end
            redis.call('PEXPIRE', KEYS[1], ttl)
            return id
            """;

    /**
     * KEYS: streams..., last, since, epoch. ARGV: a fresh epoch token, then per stream the id to
     * read after, or '' for none. Returns {last or '', since or '', now millis, per stream
     * {exists, max-deleted id, entries}, epoch} as one consistent snapshot: entries up to the
     * global last id, nothing trimmed in between. The epoch is set once per data set (by whichever
     * node gets there first), so a node sees a Redis that lost its data as a different epoch.
     */
    static final String SNAPSHOT = """
            local m = #KEYS - 3
            local last = redis.call('GET', KEYS[m + 1])
            local since = redis.call('GET', KEYS[m + 2])
            redis.call('SET', KEYS[m + 3], ARGV[1], 'NX')
            local epoch = redis.call('GET', KEYS[m + 3])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local out = {}
            for i = 1, m do
              local info = {0, '0-0', {}}
              if redis.call('EXISTS', KEYS[i]) == 1 then
                info[1] = 1
                local x = redis.call('XINFO', 'STREAM', KEYS[i])
                for k = 1, #x, 2 do
                  if x[k] == 'max-deleted-entry-id' then info[2] = x[k + 1] end
                end
                if ARGV[i + 1] ~= '' and last then
                  info[3] = redis.call('XRANGE', KEYS[i], '(' .. ARGV[i + 1], last)
                end
              end
              out[i] = info
            end
            return {last or '', since or '', string.format('%.0f', now), out, epoch}
            """;

    private static final String PUBLISH_SHA = sha1(PUBLISH);
    private static final String SNAPSHOT_SHA = sha1(SNAPSHOT);

    private final String prefix;
    private final String lastKey;
    private final String sinceKey;
    private final String epochKey;

    RedisStreams(String prefix) {
        this.prefix = prefix;
        this.lastKey = prefix + "last";
        this.sinceKey = prefix + "since";
        this.epochKey = prefix + "epoch";
    }

    String streamKey(String channel) {
        return prefix + "channel:" + channel;
    }

    /** The channel a stream key belongs to. */
    String channelOf(String streamKey) {
        return streamKey.substring(prefix.length() + "channel:".length());
    }

    /** Appends {@code event} to the channel's stream; completes with the id Redis gave it. */
    CompletableFuture<EventId> publish(RedisAsyncCommands<String, String> redis, String channel, SseEvent event,
                                       int maxLength, Duration ttl) {
        List<String> args = new ArrayList<>(10);
        args.add(Integer.toString(maxLength));
        args.add(Long.toString(ttl.toMillis()));
        if (event.name() != null) {
            args.add(NAME);
            args.add(event.name());
        }
        if (event.data() != null) {
            args.add(DATA);
            args.add(event.data());
        }
        if (event.comment() != null) {
            args.add(COMMENT);
            args.add(event.comment());
        }
        if (event.retryMillis() >= 0) {
            args.add(RETRY);
            args.add(Long.toString(event.retryMillis()));
        }
        String[] keys = {streamKey(channel), lastKey, sinceKey};
        CompletableFuture<String> id = script(redis, PUBLISH_SHA, PUBLISH, ScriptOutputType.VALUE, keys,
                args.toArray(String[]::new));
        return id.thenApply(RedisStreams::requireId);
    }

    /**
     * Reads, atomically, the global ids and, for each channel, whether its stream exists, its
     * newest trimmed id and its entries after {@code after.get(channel)} (none when absent).
     */
    CompletableFuture<Snapshot> snapshot(RedisAsyncCommands<String, String> redis, List<String> channels,
                                         Map<String, EventId> after) {
        String[] keys = new String[channels.size() + 3];
        String[] args = new String[channels.size() + 1];
        args[0] = UUID.randomUUID().toString();
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            keys[i] = streamKey(channel);
            EventId from = after.get(channel);
            args[i + 1] = from == null ? "" : from.toString();
        }
        keys[channels.size()] = lastKey;
        keys[channels.size() + 1] = sinceKey;
        keys[channels.size() + 2] = epochKey;
        CompletableFuture<List<Object>> reply = script(redis, SNAPSHOT_SHA, SNAPSHOT, ScriptOutputType.MULTI,
                keys, args);
        return reply.thenApply(r -> Snapshot.parse(r, channels));
    }

    /** Runs a script by its SHA-1, sending its text only when Redis does not have it cached. */
    static <T> CompletableFuture<T> script(RedisAsyncCommands<String, String> redis, String sha,
                                                   String text, ScriptOutputType type, String[] keys,
                                                   String[] args) {
        // EVALSHA saves sending the script each time; after a Redis restart the cache is empty.
        return redis.<T>evalsha(sha, type, keys, args).toCompletableFuture()
                .exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                        ? redis.<T>eval(text, type, keys, args).toCompletableFuture()
                        : CompletableFuture.failedFuture(unwrap(e)));
    }

    /** An entry read with XREAD, as an event for {@code channel}. */
    static Entry entry(String channel, StreamMessage<String, String> message) {
        return new Entry(channel, requireId(message.getId()), event(message.getBody()));
    }

    /** Rebuilds the published event from its stream fields. */
    static SseEvent event(Map<String, String> fields) {
        SseEvent.Builder b = SseEvent.builder();
        String name = fields.get(NAME);
        if (name != null) {
            b.name(name);
        }
        String data = fields.get(DATA);
        if (data != null) {
            b.data(data);
        }
        String comment = fields.get(COMMENT);
        if (comment != null) {
            b.comment(comment);
        }
        String retry = fields.get(RETRY);
        if (retry != null) {
            b.retry(Duration.ofMillis(Long.parseLong(retry)));
        }
        return b.build();
    }

    static EventId requireId(String text) {
        EventId id = EventId.parse(text);
        if (id == null) {
            throw new IllegalStateException("Redis returned an entry id that is not millis-sequence");
        }
        return id;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    /** One event read from a channel's stream. */
    record Entry(String channel, EventId id, SseEvent event) {
    }

    /** What a channel's stream held when a {@link Snapshot} was taken. */
    record ChannelSnapshot(boolean exists, EventId maxDeleted, List<Entry> entries) {
    }

    /**
     * The state of the data set at one instant.
     *
     * @param last       the newest id issued, {@code null} when nothing was published in this data set
     * @param since      the first id of this data set, {@code null} likewise
     * @param nowMillis  Redis's clock
     * @param epoch      the data set's identity: it changes when Redis lost its data
     */
    record Snapshot(EventId last, EventId since, long nowMillis, Map<String, ChannelSnapshot> channels,
                    String epoch) {

        @SuppressWarnings("unchecked")
        static Snapshot parse(List<Object> reply, List<String> names) {
            EventId last = EventId.parse((String) reply.get(0));
            EventId since = EventId.parse((String) reply.get(1));
            long now = Long.parseLong((String) reply.get(2));
            List<Object> streams = (List<Object>) reply.get(3);
            Map<String, ChannelSnapshot> channels = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                List<Object> info = (List<Object>) streams.get(i);
                boolean exists = ((Long) info.get(0)) == 1L;
                EventId maxDeleted = requireId((String) info.get(1));
                List<Object> raw = (List<Object>) info.get(2);
                List<Entry> entries = new ArrayList<>(raw.size());
                for (Object o : raw) {
                    List<Object> e = (List<Object>) o;
                    List<Object> kv = (List<Object>) e.get(1);
                    Map<String, String> fields = new HashMap<>();
                    for (int k = 0; k + 1 < kv.size(); k += 2) {
                        fields.put((String) kv.get(k), (String) kv.get(k + 1));
                    }
                    entries.add(new Entry(names.get(i), requireId((String) e.get(0)), event(fields)));
                }
                channels.put(names.get(i), new ChannelSnapshot(exists, maxDeleted, entries));
            }
            return new Snapshot(last, since, now, channels, (String) reply.get(4));
        }
    }
}
