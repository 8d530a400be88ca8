/**
 * HTTP/2 (RFC 9113) and HPACK (RFC 7541): byte-level codecs, an in-memory connection engine, and
 * its seat on a {@link dev.house.core.io.Connection}.
 *
 * <p>The wire protocol: the HPACK decoder and encoder with their static and dynamic tables and
 * Huffman code ({@code Hpack*}, {@code Huffman}), the frame reader and writer ({@code FrameReader},
 * {@code FrameWriter}), and {@code Http2Connection}, which turns the inbound bytes of one
 * connection (starting with the client preface) into request events for an {@code Http2Handler}
 * and that handler's responses into outbound bytes, with the stream state machine, flow control
 * both ways, request validation (RFC 9113 §8) and the limits against abusive peers (rapid reset,
 * CONTINUATION and control-frame floods, HPACK bombs). The engine touches no socket and no thread.
 *
 * <p>On the sockets: {@link dev.house.core.http2.Http2} is the {@link dev.house.core.io.ProtocolFactory}
 * (ALPN {@code h2}, or the prior-knowledge preface on a plain port); {@code Http2Session} feeds the
 * engine a connection's bytes, dispatches its requests through the same runtime path as HTTP/1.1,
 * and writes its frames through the connection's outbound path; {@code Http2ResponseStream} is a
 * stream's {@link dev.house.core.http.ResponseStream} (SSE over h2).
 *
 * <p>May use {@code http} (the API types and the request parser) and {@code io} (connections,
 * loops). Nothing but the server's assembly uses this package; it is not exported.
 */
package dev.house.core.http2;
