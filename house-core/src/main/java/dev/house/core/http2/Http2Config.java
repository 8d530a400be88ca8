package dev.house.core.http2;

/**
 * What one HTTP/2 connection advertises and tolerates.
 *
 * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS; streams beyond it are refused
 * @param initialWindowSize SETTINGS_INITIAL_WINDOW_SIZE: how much request body a stream may send
 *     before we grant more (never more than {@code maxBodySize} in all)
 * @param connectionWindowSize the connection-level receive window we grant at the start
 * @param maxFrameSize SETTINGS_MAX_FRAME_SIZE we accept
 * @param maxHeaderListSize SETTINGS_MAX_HEADER_LIST_SIZE: decoded header-list bound (house's
 *     {@code max-header-size}); also bounds a header block's encoded size across CONTINUATION frames
 * @param headerTableSize SETTINGS_HEADER_TABLE_SIZE: the HPACK table the peer may make us keep
 * @param maxBodySize the largest request body a handler accepts
 * @param maxResetsPerWindow streams reset (by the peer, or by us for its errors) tolerated per
 *     {@code floodWindowNanos} before GOAWAY ENHANCE_YOUR_CALM (CVE-2023-44487, rapid reset)
 * @param maxControlFramesPerWindow SETTINGS, PING, WINDOW_UPDATE, PRIORITY and unknown frames
 *     tolerated per {@code floodWindowNanos}; up to two WINDOW_UPDATEs per DATA frame we sent are
 *     not counted (a client returning window as it reads)
 * @param maxEmptyFrames consecutive DATA frames without data or END_STREAM, and CONTINUATION
 *     frames without a fragment, tolerated
 * @param floodWindowNanos the window the two per-window limits count in
 * @param outboundHighWater outbound bytes buffered before we stop moving response DATA into the
 *     outbound buffer; the peer not reading past twice this is a flood (its PINGs and SETTINGS
 *     keep making us write) and ends the connection
 */
record Http2Config(
        int maxConcurrentStreams,
        int initialWindowSize,
        int connectionWindowSize,
        int maxFrameSize,
        int maxHeaderListSize,
        int headerTableSize,
        long maxBodySize,
        int maxResetsPerWindow,
        int maxControlFramesPerWindow,
        int maxEmptyFrames,
        long floodWindowNanos,
        int outboundHighWater) {

    static Http2Config defaults() {
        return new Http2Config(128, 65_535, 1 << 20, Http2Settings.MIN_MAX_FRAME_SIZE, 16 * 1024,
                Http2Settings.DEFAULT_HEADER_TABLE_SIZE, 1024 * 1024, 200, 1_000, 16, 10_000_000_000L, 64 * 1024);
    }

    Http2Config withMaxConcurrentStreams(int n) {
        return new Http2Config(n, initialWindowSize, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxBodySize, maxResetsPerWindow, maxControlFramesPerWindow, maxEmptyFrames,
                floodWindowNanos, outboundHighWater);
    }

    Http2Config withInitialWindowSize(int n) {
        return new Http2Config(maxConcurrentStreams, n, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                headerTableSize, maxBodySize, maxResetsPerWindow, maxControlFramesPerWindow, maxEmptyFrames,
                floodWindowNanos, outboundHighWater);
    }

    Http2Config withMaxFrameSize(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, n, maxHeaderListSize,
                headerTableSize, maxBodySize, maxResetsPerWindow, maxControlFramesPerWindow, maxEmptyFrames,
                floodWindowNanos, outboundHighWater);
    }

    Http2Config withMaxHeaderListSize(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize, n,
                headerTableSize, maxBodySize, maxResetsPerWindow, maxControlFramesPerWindow, maxEmptyFrames,
                floodWindowNanos, outboundHighWater);
    }

    Http2Config withMaxBodySize(long n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, n, maxResetsPerWindow, maxControlFramesPerWindow, maxEmptyFrames,
                floodWindowNanos, outboundHighWater);
    }

    Http2Config withMaxResetsPerWindow(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxBodySize, n, maxControlFramesPerWindow, maxEmptyFrames,
                floodWindowNanos, outboundHighWater);
    }

    Http2Config withMaxControlFramesPerWindow(int n) {
        return new Http2Config(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, headerTableSize, maxBodySize, maxResetsPerWindow, n, maxEmptyFrames,
                floodWindowNanos, outboundHighWater);
    }

    /** The SETTINGS frame we send first (ENABLE_PUSH is a client setting: a server never sends it). */
    Http2Settings settings() {
        return new Http2Settings()
                .set(Http2Settings.HEADER_TABLE_SIZE, headerTableSize)
                .set(Http2Settings.MAX_CONCURRENT_STREAMS, maxConcurrentStreams)
                .set(Http2Settings.INITIAL_WINDOW_SIZE, initialWindowSize)
                .set(Http2Settings.MAX_FRAME_SIZE, maxFrameSize)
                .set(Http2Settings.MAX_HEADER_LIST_SIZE, maxHeaderListSize);
    }
}
