package dev.house.core.http1;

import dev.house.core.http.HttpStatus;

/**
 * The parser's verdict on a message it cannot accept: the status to answer with and a short
 * message naming the problem. The connection always closes after sending it, since the
 * message framing can no longer be trusted.
 */
public record HttpError(HttpStatus status, String message) {
}
