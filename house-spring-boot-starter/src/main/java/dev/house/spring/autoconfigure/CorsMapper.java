package dev.house.spring.autoconfigure;

import dev.house.core.cors.Cors;
import dev.house.core.cors.CorsPolicy;
import dev.house.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns the {@code house.cors.*} properties into house-core's {@link Cors} interceptor: one
 * policy for every listed origin, {@code *} for any other origin. House-core validates the
 * values; a refusal is reported against the property at fault.
 */
final class CorsMapper {

    private static final String ORIGINS = "house.cors.allowed-origins";

    private CorsMapper() {
    }

    static Cors toCors(HouseProperties.Cors properties) {
        CorsPolicy policy = policy(properties);
        Cors.Builder cors = Cors.builder();
        for (String origin : properties.getAllowedOrigins()) {
            if (origin.trim().equals("*")) {
                PropertyValues.apply(ORIGINS, origin, any -> cors.allowAnyOrigin(policy));
            } else {
                PropertyValues.apply(ORIGINS, origin, listed -> cors.allow(listed, policy));
            }
        }
        return cors.build();
    }

    private static CorsPolicy policy(HouseProperties.Cors properties) {
        CorsPolicy.Builder policy = CorsPolicy.builder();
        List<HttpMethod> methods = new ArrayList<>();
        for (String method : properties.getAllowedMethods()) {
            PropertyValues.apply("house.cors.allowed-methods", method,
                    name -> methods.add(HttpMethod.valueOf(name.trim().toUpperCase(Locale.ROOT))));
        }
        PropertyValues.apply("house.cors.allowed-methods", methods,
                list -> policy.allowMethods(list.toArray(new HttpMethod[0])));
        List<String> headers = properties.getAllowedHeaders();
        if (headers.contains("*")) {
            policy.allowAnyHeader();
        } else {
            PropertyValues.apply("house.cors.allowed-headers", headers,
                    list -> policy.allowHeaders(list.toArray(new String[0])));
        }
        PropertyValues.apply("house.cors.exposed-headers", properties.getExposedHeaders(),
                list -> policy.exposeHeaders(list.toArray(new String[0])));
        policy.allowCredentials(properties.isAllowCredentials());
        PropertyValues.apply("house.cors.max-age", properties.getMaxAge(), policy::maxAge);
        try {
            return policy.build();
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException("house.cors.allowed-methods",
                    properties.getAllowedMethods(), ex.getMessage(), ex);
        }
    }
}
