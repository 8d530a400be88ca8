package dev.house.core.sse;

import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.spi.PresenceChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Presence on this node: per channel, how many streams are subscribed and which identities are
 * present (with how many streams each), and the join/leave events of channels that want them.
 *
 * <p>An identity joins with its first stream and leaves {@link SseConfig#presenceGrace()} after
 * its last stream ended, unless a stream of it came back meanwhile (a reload, a reconnect). Joins
 * and leaves are not published one by one: a channel's changes are gathered for
 * {@link SseConfig#presenceBatch()} and go out as one {@value #JOIN_EVENT} and one
 * {@value #LEAVE_EVENT} event listing the identities, so 1,000 clients reconnecting at once cost
 * each subscriber a few events, not 1,000. A join and a leave of one identity inside one batch
 * cancel out.
 *
 * <p>One lock guards the state; it is held for the bookkeeping only. Timers run on the event loop
 * of the stream that changed something; the work per timer is the batch, never per subscriber.
 * The batches go to {@code sink} on the {@code publishing} executor, one after the other in
 * order, because publishing may wait for a store (the Redis broker refuses to publish on an event
 * loop). With {@code shared} presence (a broker keeping it across nodes) every channel's changes
 * are batched, subscriber counts included, since the store must know them all; otherwise only
 * the channels with join/leave events are.
 *
 * <p>Memory: a {@link Room} per channel with subscribers, a {@link Member} per identity present
 * (shared by its tabs), and a queue entry per identity in its grace period.
 */
final class PresenceTracker {
    static final String JOIN_EVENT = SseChannels.JOIN_EVENT;
    static final String LEAVE_EVENT = SseChannels.LEAVE_EVENT;

    private final long graceNanos;
    private final long batchNanos;
    private final int maxAnswer;
    private final Predicate<String> eventsFor;
    private final boolean shared;
    private final Consumer<List<PresenceChange>> sink;
    private final Executor publishing;
    private final Object lock = new Object();
    private final Object publishLock = new Object();
    private final Map<String, Room> rooms = new HashMap<>();
    /** Identities in their grace period, by increasing deadline (the grace is one constant). */
    private final ArrayDeque<Leaving> leaving = new ArrayDeque<>();
    private final List<Room> dirty = new ArrayList<>();
    private long identities;
    private boolean batchTimer;
    private boolean graceTimer;

    /**
     * @param eventsFor  which channels get join/leave events
     * @param shared     whether a broker keeps presence across nodes (every change is batched)
     * @param sink       takes each batch of changes, this node's view, with subscriber counts
     * @param publishing runs the sink, in submission order, off the event loops
     */
    PresenceTracker(SseConfig config, Predicate<String> eventsFor, boolean shared,
                    Consumer<List<PresenceChange>> sink, Executor publishing) {
        this.publishing = publishing;
        this.graceNanos = config.presenceGrace().toNanos();
        this.batchNanos = config.presenceBatch().toNanos();
        this.maxAnswer = config.maxPresenceAnswer();
        this.eventsFor = eventsFor;
        this.shared = shared;
        this.sink = sink;
    }

    /** A stream subscribed to {@code channels}, as {@code who} (or anonymously when {@code null}). */
    void add(List<String> channels, Presence who, StreamExecutor loop) {
        boolean schedule;
        synchronized (lock) {
            for (String name : channels) {
                Room room = rooms.computeIfAbsent(name, n -> new Room(n, shared || eventsFor.test(n)));
                room.subscribers++;
                if (shared) {
                    room.markDirty();
                }
                if (who != null) {
                    room.join(who);
                }
            }
            schedule = needsBatchTimerLocked();
        }
        if (schedule) {
            schedule(loop, batchNanos);
        }
    }

    /** A stream of {@link #add} ended; call once per add, with the same arguments. */
    void remove(List<String> channels, Presence who, StreamExecutor loop) {
        boolean schedule = false;
        boolean batch;
        long now = System.nanoTime();
        synchronized (lock) {
            for (String name : channels) {
                Room room = rooms.get(name);
                if (room == null) {
                    continue;
                }
                room.subscribers--;
                if (shared) {
                    room.markDirty();
                }
                Member m = who == null || room.members == null ? null : room.members.get(who.id());
                if (m != null && --m.tabs == 0) {
                    m.leaveAt = now + graceNanos;
                    leaving.add(new Leaving(m, m.leaveAt));
                }
                room.removeIfEmpty();
            }
            if (!leaving.isEmpty() && !graceTimer) {
                graceTimer = true;
                schedule = true;
            }
            batch = needsBatchTimerLocked(); // shared: a subscriber count to tell the store
        }
        if (schedule) {
            schedule(loop, Math.max(graceNanos, batchNanos));
        }
        if (batch) {
            schedule(loop, batchNanos);
        }
    }

    /** Who is on {@code channel}: at most {@code limit} (capped by the configured maximum) identities. */
    ChannelPresence presence(String channel, int limit) {
        int max = Math.max(0, Math.min(limit, maxAnswer));
        synchronized (lock) {
            Room room = rooms.get(channel);
            if (room == null) {
                return ChannelPresence.empty(channel);
            }
            int n = room.members == null ? 0 : room.members.size();
            List<Presence> members = new ArrayList<>(Math.min(n, max));
            if (n > 0) {
                for (Iterator<Member> it = room.members.values().iterator(); it.hasNext() && members.size() < max; ) {
                    members.add(it.next().who);
                }
            }
            return new ChannelPresence(channel, room.subscribers, n, members, members.size() == n);
        }
    }

    /** Streams subscribed to {@code channel} on this node. */
    int subscribers(String channel) {
        synchronized (lock) {
            Room room = rooms.get(channel);
            return room == null ? 0 : room.subscribers;
        }
    }

    /** Identities present, summed over channels (one user on two channels counts twice). */
    long identities() {
        synchronized (lock) {
            return identities;
        }
    }

    private boolean needsBatchTimerLocked() {
        if (dirty.isEmpty() || batchTimer) {
            return false;
        }
        batchTimer = true;
        return true;
    }

    private void schedule(StreamExecutor loop, long delayNanos) {
        if (loop == null) {
            return; // a test driving the tracker without loops
        }
        loop.schedule(() -> flush(loop), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Ends the grace of identities past it, then publishes every channel's gathered joins and leaves. */
    void flush(StreamExecutor loop) {
        synchronized (publishLock) {
            List<PresenceChange> batches = new ArrayList<>();
            long graceDelay = -1;
            synchronized (lock) {
                long now = System.nanoTime();
                batchTimer = false;
                Leaving head;
                while ((head = leaving.peek()) != null && head.leaveAt - now <= 0) {
                    leaving.poll();
                    Member m = head.member;
                    // Stale when a stream came back (and maybe left again, queued anew).
                    if (m.tabs == 0 && m.leaveAt == head.leaveAt && !m.gone) {
                        m.room.leave(m);
                    }
                }
                if (leaving.isEmpty()) {
                    graceTimer = false;
                } else {
                    graceDelay = Math.max(leaving.peek().leaveAt - now, batchNanos);
                }
                for (Room room : dirty) {
                    room.dirty = false;
                    List<Presence> joins = new ArrayList<>(room.joins.size());
                    for (Member m : room.joins) {
                        if (m.joinPending) {
                            m.joinPending = false;
                            joins.add(m.who);
                        }
                    }
                    batches.add(new PresenceChange(room.name, joins, room.leaves, room.subscribers));
                    room.joins = new ArrayList<>(0);
                    room.leaves = new ArrayList<>(0);
                    room.removeIfEmpty();
                }
                dirty.clear();
            }
            if (graceDelay >= 0 && loop != null) {
                loop.schedule(() -> flush(loop), graceDelay, TimeUnit.NANOSECONDS);
            }
            if (!batches.isEmpty()) {
                hand(batches, sink);
            }
        }
    }

    /**
     * Hands this node's whole presence (every channel with subscribers or identities) to
     * {@code full}, in order with the batches: for a store that lost this node's entries.
     */
    void resend(Consumer<List<PresenceChange>> full) {
        synchronized (publishLock) {
            List<PresenceChange> all = new ArrayList<>();
            synchronized (lock) {
                for (Room room : rooms.values()) {
                    List<Presence> present = new ArrayList<>(room.members == null ? 0 : room.members.size());
                    if (room.members != null) {
                        for (Member m : room.members.values()) {
                            present.add(m.who);
                        }
                    }
                    all.add(new PresenceChange(room.name, present, List.of(), room.subscribers));
                }
            }
            hand(all, full);
        }
    }

    private void hand(List<PresenceChange> batches, Consumer<List<PresenceChange>> to) {
        try {
            publishing.execute(() -> to.accept(batches));
        } catch (RejectedExecutionException closed) {
            // The channels are closed: nobody is left to tell.
        }
    }

    /** {@code {"channel":"room","members":[{"id":"ann","info":{...}}]}}. */
    static String json(String channel, List<Presence> members) {
        // Channel names are validated to [A-Za-z0-9_.:-], which need no escaping.
        StringBuilder out = new StringBuilder(32 + 48 * members.size())
                .append("{\"channel\":\"").append(channel).append("\",\"members\":[");
        for (int i = 0; i < members.size(); i++) {
            Presence p = members.get(i);
            out.append(i == 0 ? "{\"id\":" : ",{\"id\":");
            string(out, p.id());
            if (p.info() != null) {
                out.append(",\"info\":").append(p.info());
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        out.append('"');
    }

    private record Leaving(Member member, long leaveAt) {
    }

    /** A channel's subscribers and identities; guarded by the tracker's lock. */
    private final class Room {
        final String name;
        /** Whether its changes are batched: it has join/leave events, or presence is shared. */
        final boolean batched;
        int subscribers;
        /** Identities by id, longest present first; {@code null} until the first one. */
        LinkedHashMap<String, Member> members;
        List<Member> joins = new ArrayList<>(0);
        List<Presence> leaves = new ArrayList<>(0);
        boolean dirty;

        Room(String name, boolean batched) {
            this.name = name;
            this.batched = batched;
        }

        void join(Presence who) {
            if (members == null) {
                members = new LinkedHashMap<>();
            }
            Member m = members.get(who.id());
            if (m != null) {
                m.tabs++;
                m.leaveAt = 0; // back within the grace period: its queued leave is stale
                return;
            }
            m = new Member(who, this);
            members.put(who.id(), m);
            identities++;
            if (batched) {
                m.joinPending = true;
                joins.add(m);
                markDirty();
            }
        }

        void leave(Member m) {
            m.gone = true;
            members.remove(m.who.id());
            identities--;
            if (m.joinPending) {
                m.joinPending = false; // joined and left within one batch: neither is told
            } else if (batched) {
                leaves.add(m.who);
                markDirty();
            }
            removeIfEmpty();
        }

        void markDirty() {
            if (!dirty) {
                dirty = true;
                dirty().add(this);
            }
        }

        /** Forgets this channel once nothing is in it and nothing is to be told. */
        void removeIfEmpty() {
            if (subscribers == 0 && (members == null || members.isEmpty()) && !dirty) {
                rooms.remove(name, this);
            }
        }
    }

    private List<Room> dirty() {
        return dirty;
    }

    /** An identity present on a channel, shared by its streams there. */
    private static final class Member {
        final Presence who;
        final Room room;
        int tabs = 1;
        /** When its grace period ends; meaningful while {@code tabs == 0}. */
        long leaveAt;
        boolean joinPending;
        boolean gone;

        Member(Presence who, Room room) {
            this.who = who;
            this.room = room;
        }
    }
}
