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
    /** Response data not yet written, waiting for window. */
    final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>(2);
    long pendingBytes;
    /** Response data written as DATA frames so far. */
    long sent;
    /** When a sweep first found this stream's data waiting for window (0: not waiting), and {@link #sent} then. */
    long stalledSince;
    long sentWhenStalled;
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
