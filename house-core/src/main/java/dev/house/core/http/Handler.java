package dev.house.core.http;

/**
 * Turns a request into a response: the smallest unit of application code house runs. Throwing
 * {@link HttpException} answers with its status; any other exception answers 500 and is logged
 * with the request id.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
