package dev.house.spring.autoconfigure.actuate.web;

import dev.house.spring.autoconfigure.HouseProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Condition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Where a house-only application serves Actuator: {@code management.server.port} unset or equal
 * to house's port serves it on house's port; another port on a listener of its own; {@code -1}
 * not over HTTP at all.
 */
final class ManagementPort {

    private ManagementPort() {
    }

    enum Type { SAME, DIFFERENT, DISABLED }

    static Type of(Binder binder) {
        Integer management = binder.bind("management.server.port", Integer.class).orElse(null);
        if (management == null) {
            return Type.SAME;
        }
        if (management < 0) {
            return Type.DISABLED;
        }
        Integer server = binder.bind("house.port", Integer.class)
                .orElseGet(() -> binder.bind("server.port", Integer.class).orElse(new HouseProperties().getPort()));
        return management.equals(server) && management != 0 ? Type.SAME : Type.DIFFERENT;
    }

    static final class Same implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(Binder.get(context.getEnvironment())) == Type.SAME;
        }
    }

    static final class Different implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return of(Binder.get(context.getEnvironment())) == Type.DIFFERENT;
        }
    }
}
