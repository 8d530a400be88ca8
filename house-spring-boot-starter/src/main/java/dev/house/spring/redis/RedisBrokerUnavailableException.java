package dev.house.spring.redis;

/**
 * Thrown by {@link RedisBroker#publish} when the event could not be handed to Redis: the broker
 * knows Redis is unreachable (it fails at once then), or Redis did not answer within the publish
 * timeout. After a timeout the event may still have been stored; the caller cannot tell.
 */
public final class RedisBrokerUnavailableException extends IllegalStateException {

    public RedisBrokerUnavailableException(String message) {
        super(message);
    }

    public RedisBrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
