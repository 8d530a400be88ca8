package dev.house.core;

import dev.house.core.io.RuntimeConfig;

/** For tests that build a {@code ServerRuntime} by hand: the runtime settings the server would derive. */
public final class RuntimeConfigs {
    private RuntimeConfigs() {
    }

    public static RuntimeConfig of(ServerConfig config) {
        return HouseServer.runtimeConfig(config);
    }
}
