package dev.house.spring.redis;

import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.ChannelPresence;
import dev.house.core.sse.Presence;
import dev.house.core.sse.spi.BrokerContext;
import dev.house.core.sse.spi.PresenceChange;
import dev.house.core.sse.spi.SharedPresence;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence across the nodes sharing a Redis, kept in Redis. Each node sends its coalesced
 * changes (identities whose first stream on this node came, or whose last one went after the
 * grace period, and its subscriber counts) in one script call per batch; the script counts, per
 * channel and identity, the nodes the identity is on, so the first node in and the last node out
 * are decided atomically and announced once, cluster-wide.
 *
 * <p>Each node owns a liveness key with a TTL ({@link RedisBrokerSettings#presenceTtl()}) that
 * its refresher renews every third of the TTL; the same call sweeps nodes whose key expired
 * (crashed or cut off): their entries are removed and their identities that are nowhere else
 * announced as leaving. A crashed node's identities so leave within the TTL plus one refresh
 * period. A node that finds its own key gone (it was swept, or Redis lost its data) sends its
 * whole presence again. The key layout is in the starter's {@code REDIS.md}.
 */
final class RedisPresence implements SharedPresence, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);

    /** Shared by the scripts: removes one identity's entry of one node, noting a cluster-wide leave. */
    private static final String COMMON = """
            local p = ARGV[1]
            local groups, order = {}, {}
            local function group(ch)
              local g = groups[ch]
              if not g then
                g = {ch, {}, {}}
                groups[ch] = g
                order[#order + 1] = g
              end
              return g
            end
            local function leave(ch, id)
              local refs = p .. 'presence:refs:' .. ch
              if redis.call('HINCRBY', refs, id, -1) <= 0 then
                redis.call('HDEL', refs, id)
                redis.call('ZREM', p .. 'presence:members:' .. ch, id)
                local info = redis.call('HGET', p .. 'presence:info:' .. ch, id)
                redis.call('HDEL', p .. 'presence:info:' .. ch, id)
                local left = group(ch)[3]
                left[#left + 1] = id
                left[#left + 1] = info or ''
              end
            end
            local function entry(e)
              local rest = string.sub(e, 3)
              if string.sub(e, 1, 1) == 's' then
                return 's', rest, nil
              end
              local nl = string.find(rest, '\\n', 1, true)
              return 'm', string.sub(rest, 1, nl - 1), string.sub(rest, nl + 1)
            end
            local function drop(node, e)
              local kind, ch, id = entry(e)
              if kind == 's' then
                redis.call('HDEL', p .. 'presence:subs:' .. ch, node)
              else
                leave(ch, id)
              end
            end
            """;

    /**
     * ARGV: prefix, node, ttl millis, full ('1' or '0'), then per channel: name, this node's
     * subscriber count, joins n, n (id, info or ''), leaves m, m ids. Returns the cluster-wide
     * changes: per channel {name, {id, info, ...} joined, {id, info, ...} left}. With full, the
     * node's entries not listed are removed first (its whole presence replaces what Redis held).
     */
    static final String UPDATE = COMMON + """
            local node, ttl, full = ARGV[2], tonumber(ARGV[3]), ARGV[4] == '1'
            local nodeKey = p .. 'presence:node:' .. node
            local entries = nodeKey .. ':entries'
            redis.call('SET', nodeKey, '1', 'PX', ttl)
            redis.call('SADD', p .. 'presence:nodes', node)
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            if full then
              local listed = {}
              local i = 5
              while i <= #ARGV do
                local ch, nj = ARGV[i], tonumber(ARGV[i + 2])
                listed['s\\n' .. ch] = true
                i = i + 3
                for j = 1, nj do
                  listed['m\\n' .. ch .. '\\n' .. ARGV[i]] = true
                  i = i + 2
                end
                i = i + 1 + tonumber(ARGV[i])
              end
              for _, e in ipairs(redis.call('SMEMBERS', entries)) do
                if not listed[e] then
                  redis.call('SREM', entries, e)
                  drop(node, e)
                end
              end
            end
            local i = 5
            while i <= #ARGV do
              local ch, subs, nj = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
              i = i + 3
              if subs > 0 then
                redis.call('HSET', p .. 'presence:subs:' .. ch, node, subs)
                redis.call('SADD', entries, 's\\n' .. ch)
              elseif redis.call('SREM', entries, 's\\n' .. ch) == 1 then
                redis.call('HDEL', p .. 'presence:subs:' .. ch, node)
              end
              for j = 1, nj do
                local id, info = ARGV[i], ARGV[i + 1]
                i = i + 2
                if redis.call('SADD', entries, 'm\\n' .. ch .. '\\n' .. id) == 1 then
                  if info ~= '' then
                    redis.call('HSET', p .. 'presence:info:' .. ch, id, info)
                  end
                  if redis.call('HINCRBY', p .. 'presence:refs:' .. ch, id, 1) == 1 then
                    redis.call('ZADD', p .. 'presence:members:' .. ch, now, id)
                    local joined = group(ch)[2]
                    joined[#joined + 1] = id
                    joined[#joined + 1] = info
                  end
                end
              end
              local nl = tonumber(ARGV[i])
              i = i + 1
              for j = 1, nl do
                local id = ARGV[i]
                i = i + 1
                if redis.call('SREM', entries, 'm\\n' .. ch .. '\\n' .. id) == 1 then
                  leave(ch, id)
                end
              end
            end
            return order
            """;

    /**
     * ARGV: prefix, node, ttl millis. Renews the node's liveness key and sweeps every node whose
     * key expired. Returns {1 if this node's key had expired (or never was) else 0, the
     * cluster-wide leaves as UPDATE returns them}.
     */
    static final String REFRESH = COMMON + """
            local node, ttl = ARGV[2], tonumber(ARGV[3])
            local missing = redis.call('EXISTS', p .. 'presence:node:' .. node) == 0 and 1 or 0
            redis.call('SET', p .. 'presence:node:' .. node, '1', 'PX', ttl)
            redis.call('SADD', p .. 'presence:nodes', node)
            for _, other in ipairs(redis.call('SMEMBERS', p .. 'presence:nodes')) do
              if other ~= node and redis.call('EXISTS', p .. 'presence:node:' .. other) == 0 then
                local entries = p .. 'presence:node:' .. other .. ':entries'
                for _, e in ipairs(redis.call('SMEMBERS', entries)) do
                  drop(other, e)
                end
                redis.call('DEL', entries)
                redis.call('SREM', p .. 'presence:nodes', other)
              end
            end
            return {missing, order}
            """;

    /**
     * ARGV: prefix, channel, limit. Returns {identities, subscribers, {id, info, ...} of the
     * {@code limit} longest present}.
     */
    static final String QUERY = """
            local p, ch, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
            local n = redis.call('ZCARD', p .. 'presence:members:' .. ch)
            local subs = 0
            for _, v in ipairs(redis.call('HVALS', p .. 'presence:subs:' .. ch)) do
              subs = subs + tonumber(v)
            end
            local out = {}
            if limit > 0 and n > 0 then
              local ids = redis.call('ZRANGE', p .. 'presence:members:' .. ch, 0, limit - 1)
              local infos = redis.call('HMGET', p .. 'presence:info:' .. ch, unpack(ids))
              for k = 1, #ids do
                out[#out + 1] = ids[k]
                out[#out + 1] = infos[k] or ''
              end
            end
            return {n, subs, out}
            """;

    /**
     * ARGV: prefix, node. Removes the node's liveness key and all its entries (a clean stop);
     * returns the cluster-wide leaves as UPDATE does.
     */
    static final String REMOVE = COMMON + """
            local node = ARGV[2]
            local entries = p .. 'presence:node:' .. node .. ':entries'
            for _, e in ipairs(redis.call('SMEMBERS', entries)) do
              drop(node, e)
            end
            redis.call('DEL', entries, p .. 'presence:node:' .. node)
            redis.call('SREM', p .. 'presence:nodes', node)
            return order
            """;

    private static final String UPDATE_SHA = RedisStreams.sha1(UPDATE);
    private static final String REFRESH_SHA = RedisStreams.sha1(REFRESH);
    private static final String QUERY_SHA = RedisStreams.sha1(QUERY);
    private static final String REMOVE_SHA = RedisStreams.sha1(REMOVE);

    private final RedisLink link;
    private final String prefix;
    private final String node = UUID.randomUUID().toString();
    private final Duration ttl;
    private final Duration timeout;
    private final Thread refresher;
    private volatile BrokerContext context;
    private volatile boolean running = true;
    /** An update failed: Redis may not hold this node's presence; the next refresh resends it. */
    private volatile boolean stale;

    RedisPresence(RedisLink link, RedisBrokerSettings settings) {
        this.link = link;
        this.prefix = settings.keyPrefix();
        this.ttl = settings.presenceTtl();
        this.timeout = settings.publishTimeout();
        this.refresher = new Thread(this::refreshLoop, "house-redis-presence");
        this.refresher.setDaemon(true);
    }

    void start(BrokerContext context) {
        this.context = context;
        refresher.start();
    }

    /** This node's id in Redis's presence keys. */
    String node() {
        return node;
    }

    @Override
    public void update(List<PresenceChange> changes, boolean full) {
        List<String> args = new ArrayList<>(4 + changes.size() * 6);
        args.add(prefix);
        args.add(node);
        args.add(Long.toString(ttl.toMillis()));
        args.add(full ? "1" : "0");
        for (PresenceChange c : changes) {
            args.add(c.channel());
            args.add(Integer.toString(Math.max(0, c.subscribers())));
            args.add(Integer.toString(c.joined().size()));
            for (Presence p : c.joined()) {
                args.add(p.id());
                args.add(p.info() == null ? "" : p.info());
            }
            args.add(Integer.toString(c.left().size()));
            for (Presence p : c.left()) {
                args.add(p.id());
            }
        }
        try {
            List<Object> reply = call(UPDATE_SHA, UPDATE, args);
            announce(reply);
        } catch (RuntimeException e) {
            if (!stale) { // once per outage, not once per batch
                log.warn("presence changes not stored in Redis ({}); resending this node's presence when it answers",
                        e.getMessage());
            }
            stale = true;
        }
    }

    @Override
    public ChannelPresence presence(String channel, int limit) {
        List<Object> reply = call(QUERY_SHA, QUERY, List.of(prefix, channel, Integer.toString(limit)));
        int identities = (int) (long) (Long) reply.get(0);
        int subscribers = (int) (long) (Long) reply.get(1);
        List<Presence> members = presences(reply.get(2));
        return new ChannelPresence(channel, subscribers, identities, members, members.size() == identities);
    }

    @Override
    public int subscribers(String channel) {
        return presence(channel, 0).subscribers();
    }

    /**
     * Stops refreshing and removes this node's entries from Redis, announcing the identities that
     * are on no other node as leaving. Streams that moved to another node before (a drained
     * shutdown) are present there already, so they do not flicker.
     */
    @Override
    public void close() {
        halt();
        if (context == null) {
            return;
        }
        try {
            announce(call(REMOVE_SHA, REMOVE, List.of(prefix, node)));
        } catch (RuntimeException e) {
            log.info("could not remove this node's presence from Redis ({}); it expires within {} ms",
                    e.getMessage(), ttl.toMillis() + ttl.toMillis() / 3);
        }
    }

    /** Stops refreshing at once without a word to Redis: what a crash looks like to the other nodes. */
    void halt() {
        running = false;
        refresher.interrupt();
    }

    private void refreshLoop() {
        long period = Math.max(10, ttl.toMillis() / 3);
        boolean first = true;
        while (running) {
            try {
                refresh(first);
                first = false;
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                stale = true;
                log.debug("presence refresh failed: {}", e.getMessage());
                try {
                    Thread.sleep(Math.min(period, 1000));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void refresh(boolean first) {
        List<Object> reply = call(REFRESH_SHA, REFRESH, List.of(prefix, node, Long.toString(ttl.toMillis())));
        boolean missing = (Long) reply.get(0) == 1L;
        announce((List<Object>) reply.get(1));
        if ((missing && !first) || stale) {
            stale = false;
            context.resendPresence();
        }
    }

    @SuppressWarnings("unchecked")
    private void announce(List<Object> groups) {
        if (groups.isEmpty()) {
            return;
        }
        List<PresenceChange> out = new ArrayList<>(groups.size());
        for (Object o : groups) {
            List<Object> g = (List<Object>) o;
            out.add(new PresenceChange((String) g.get(0), presences(g.get(1)), presences(g.get(2)), -1));
        }
        context.announce(out);
    }

    @SuppressWarnings("unchecked")
    private static List<Presence> presences(Object pairs) {
        List<Object> flat = (List<Object>) pairs;
        List<Presence> out = new ArrayList<>(flat.size() / 2);
        for (int k = 0; k + 1 < flat.size(); k += 2) {
            String info = (String) flat.get(k + 1);
            out.add(new Presence((String) flat.get(k), info == null || info.isEmpty() ? null : info));
        }
        return out;
    }

    private List<Object> call(String sha, String script, List<String> args) {
        if (StreamExecutor.current() != null) {
            throw new IllegalStateException("presence across nodes is answered by Redis and must not be asked on an "
                    + "event loop; ask from a worker thread (Execution.WORKER)");
        }
        RedisAsyncCommands<String, String> redis = link.commands();
        if (redis == null) {
            throw new RedisBrokerUnavailableException("Redis is unavailable; presence not known");
        }
        CompletableFuture<List<Object>> reply = RedisStreams.script(redis, sha, script, ScriptOutputType.MULTI,
                new String[0], args.toArray(String[]::new));
        return RedisLink.await(reply, timeout, "a presence script", "");
    }
}
