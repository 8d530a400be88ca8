package dev.house.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MissingBrokerDependencyException} into Boot's start-up report: what is missing, what to add. */
final class MissingBrokerDependencyFailureAnalyzer extends AbstractFailureAnalyzer<MissingBrokerDependencyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingBrokerDependencyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Add " + cause.dependency() + " to the application's dependencies (with a reachable Redis in "
                        + "spring.data.redis.*), or remove house.broker to run one node with the in-memory broker.",
                cause);
    }
}
