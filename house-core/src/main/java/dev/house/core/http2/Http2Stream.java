package dev.house.core.http2;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/** One stream's state (RFC 9113 §5.1) and its two flow-control windows; owned by its connection. */
final class Http2Stream {
    /** The states a server's stream passes through; no push, so never reserved. */
    enum State { OPEN, HALF_CLOSED_LOCAL, HALF_CLOSED_REMOTE, CLOSED }

    final int id;
    State state;
    /** What the peer may still send us on this stream. */
    int receiveWindow;
    /** Received but not yet granted back. */
    int unacknowledged;
    /** What we may still send; may go negative when the peer shrinks SETTINGS_INITIAL_WINDOW_SIZE. */
    long sendWindow;
    long contentLength;
    long received;
    boolean responded;
    /**
     * Response data not yet written, waiting for window: null, one buffer, or a {@link Backlog}.
     * A stream with window writes each chunk as it comes, so it rarely holds more than one, and an
     * idle SSE stream (held for hours, thousands per server) holds none: no queue until needed.
     */
    private Object pending;
    long pendingBytes;
    /**
     * When a sweep first found this stream's data waiting for window, or 0: not waiting, or data
     * was written since (then the next sweep that finds it waiting starts the clock again).
     */
    long stalledSince;
    boolean pendingEnd;
    /** Whether the handler was told it waits for window, so it is told when it opens. */
    boolean blocked;
    boolean queued;

    Http2Stream(int id, State state, int receiveWindow, long sendWindow, long contentLength) {
        this.id = id;
        this.state = state;
        this.receiveWindow = receiveWindow;
        this.sendWindow = sendWindow;
        this.contentLength = contentLength;
    }

    void queue(ByteBuffer data) {
        if (pending == null) {
            pending = data;
        } else if (pending instanceof Backlog backlog) {
            backlog.add(data);
        } else {
            Backlog backlog = new Backlog();
            backlog.add((ByteBuffer) pending);
            backlog.add(data);
            pending = backlog;
        }
    }

    /** The oldest data waiting, or null. */
    ByteBuffer firstPending() {
        return pending instanceof Backlog backlog ? backlog.peek() : (ByteBuffer) pending;
    }

    /** Drops the oldest data waiting (written out). */
    void removeFirstPending() {
        if (pending instanceof Backlog backlog) {
            backlog.poll();
            if (backlog.isEmpty()) {
                pending = null;
            }
        } else {
            pending = null;
        }
    }

    boolean hasPending() {
        return pending != null;
    }

    void clearPending() {
        pending = null;
    }

    /** More than one buffer waiting, oldest first. */
    private static final class Backlog extends ArrayDeque<ByteBuffer> {
        private static final long serialVersionUID = 1L;
    }

    boolean remoteClosed() {
        return state == State.HALF_CLOSED_REMOTE || state == State.CLOSED;
    }

    boolean localClosed() {
        return state == State.HALF_CLOSED_LOCAL || state == State.CLOSED;
    }

    void closeRemote() {
        state = state == State.HALF_CLOSED_LOCAL ? State.CLOSED : State.HALF_CLOSED_REMOTE;
    }

    void closeLocal() {
        state = state == State.HALF_CLOSED_REMOTE ? State.CLOSED : State.HALF_CLOSED_LOCAL;
    }
}
