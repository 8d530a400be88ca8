/**
 * HTTP/2 (RFC 9113) and HPACK (RFC 7541), as byte-level codecs and an in-memory connection engine.
 *
 * <p>This package owns the HTTP/2 wire protocol: the HPACK decoder and encoder with their static
 * and dynamic tables and Huffman code ({@code Hpack*}, {@code Huffman}), the frame reader and
 * writer ({@code FrameReader}, {@code FrameWriter}), and {@code Http2Connection}, which turns the
 * inbound bytes of one connection (starting with the client preface) into request events for an
 * {@code Http2Handler} and turns that handler's responses into outbound bytes, with the stream
 * state machine, flow control both ways, request validation (RFC 9113 §8) and the limits against
 * abusive peers (rapid reset, CONTINUATION and control-frame floods, HPACK bombs).
 *
 * <p>It may use the JDK and the {@code dev.house.core.http} API types; it does not use
 * {@code dev.house.core.io} or any socket: the connection layer feeds it bytes and drains what it
 * produces on the connection's own event loop. Everything here is package-private until the
 * connection layer's protocol-handler seam wires it in.
 */
package dev.house.core.http2;
