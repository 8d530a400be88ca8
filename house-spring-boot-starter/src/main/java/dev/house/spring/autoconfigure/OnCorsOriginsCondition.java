package dev.house.spring.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code house.cors.allowed-origins} lists at least one origin (in any list syntax). */
final class OnCorsOriginsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        List<String> origins = Binder.get(context.getEnvironment())
                .bind("house.cors.allowed-origins", Bindable.listOf(String.class))
                .orElse(List.of());
        return origins.isEmpty()
                ? ConditionOutcome.noMatch("house.cors.allowed-origins is empty")
                : ConditionOutcome.match("house.cors.allowed-origins lists " + origins.size() + " origin(s)");
    }
}
