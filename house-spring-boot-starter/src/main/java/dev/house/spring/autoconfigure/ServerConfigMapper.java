package dev.house.spring.autoconfigure;

import static dev.house.spring.autoconfigure.PropertyValues.apply;

import dev.house.core.ServerConfig;
import dev.house.core.http.HttpLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Turns {@link HouseProperties} into a {@link ServerConfig}. House-core validates every value;
 * this class only attaches the property's name to the refusal, so a bad value fails start-up
 * with "Invalid value ... for configuration property 'house.limits.idle-timeout'".
 */
final class ServerConfigMapper {

    private ServerConfigMapper() {
    }

    static ServerConfig.Builder toBuilder(HouseProperties properties) {
        ServerConfig.Builder builder = ServerConfig.builder();
        apply("house.port", properties.getPort(), builder::port);
        builder.address(properties.getAddress());
        Integer eventLoops = properties.getEventLoops();
        if (eventLoops != null) {
            apply("house.event-loops", eventLoops, builder::eventLoops);
        }
        apply("house.accept-backlog", properties.getAcceptBacklog(), builder::backlog);
        HouseProperties.Limits limits = properties.getLimits();
        builder.limits(httpLimits(limits));
        apply("house.limits.request-timeout", limits.getRequestTimeout(), builder::requestTimeout);
        apply("house.limits.idle-timeout", limits.getIdleTimeout(), builder::idleTimeout);
        Integer maxConnections = limits.getMaxConnections();
        if (maxConnections != null) { // unset: house-core's default, which knows the fd limit
            apply("house.limits.max-connections", maxConnections, builder::maxConnections);
        }
        apply("house.limits.max-connections-per-address", limits.getMaxConnectionsPerAddress(),
                builder::maxConnectionsPerAddress);
        apply("house.limits.trusted-proxies", limits.getTrustedProxies(), builder::trustedProxies);
        apply("house.limits.max-pending-output", limits.getMaxPendingOutput(),
                size -> builder.maxPendingOutput(intBytes("house.limits.max-pending-output", size)));
        apply("house.sse.max-pending-bytes", properties.getSse().getMaxPendingBytes(),
                size -> builder.streamMaxPendingBytes(size.toBytes()));
        apply("house.shutdown.grace-period", properties.getShutdown().getGracePeriod(),
                builder::shutdownGracePeriod);
        Duration streamDrain = properties.getShutdown().getStreamDrain();
        if (streamDrain != null) { // unset: house-core's default, which follows the grace period
            apply("house.shutdown.stream-drain", streamDrain, builder::streamDrain);
        }
        apply("house.errors.format", properties.getErrors().getFormat(), builder::errorFormat);
        HouseProperties.Http2 http2 = properties.getHttp2();
        builder.http2Enabled(http2.isEnabled());
        apply("house.http2.max-concurrent-streams", http2.getMaxConcurrentStreams(), builder::http2MaxConcurrentStreams);
        apply("house.http2.initial-window-size", http2.getInitialWindowSize(), size ->
                builder.http2InitialWindowSize(intBytes("house.http2.initial-window-size", size)));
        apply("house.http2.max-frame-size", http2.getMaxFrameSize(), size ->
                builder.http2MaxFrameSize(intBytes("house.http2.max-frame-size", size)));
        return builder;
    }

    private static HttpLimits httpLimits(HouseProperties.Limits limits) {
        // Each limit is applied on its own so a refusal names exactly the property at fault.
        HttpLimits[] result = { HttpLimits.defaults() };
        apply("house.limits.max-request-line", limits.getMaxRequestLine(), size -> result[0] =
                result[0].withMaxRequestLine(intBytes("house.limits.max-request-line", size)));
        apply("house.limits.max-header-size", limits.getMaxHeaderSize(), size -> result[0] =
                result[0].withMaxHeaderSize(intBytes("house.limits.max-header-size", size)));
        apply("house.limits.max-header-count", limits.getMaxHeaderCount(), count -> result[0] =
                result[0].withMaxHeaderCount(count));
        apply("house.limits.max-body-size", limits.getMaxBodySize(), size -> result[0] =
                result[0].withMaxBodySize(size.toBytes()));
        apply("house.limits.max-parameter-count", limits.getMaxParameterCount(), count -> result[0] =
                result[0].withMaxParameterCount(count));
        return result[0];
    }

    private static int intBytes(String property, DataSize size) {
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidConfigurationPropertyValueException(property, size, "must be below 2GB");
        }
        return (int) bytes;
    }
}
