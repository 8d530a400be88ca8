package dev.house.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileDescriptorsTest {

    @Test
    void theDefaultConnectionLimitLeavesHeadroomUnderALowFdLimit() {
        assertThat(FileDescriptors.defaultMaxConnections(256)).isEqualTo(192);
        assertThat(FileDescriptors.defaultMaxConnections(4096)).isEqualTo(3584);
    }

    @Test
    void theDefaultConnectionLimitIsTenThousandUnderAGenerousOrUnknownFdLimit() {
        assertThat(FileDescriptors.defaultMaxConnections(1_048_576)).isEqualTo(10_000);
        assertThat(FileDescriptors.defaultMaxConnections(-1)).isEqualTo(10_000);
    }

    @Test
    void theJdkTellsTheLimitOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(FileDescriptors.processLimit()).isPositive();
            assertThat(ServerConfig.defaults().maxConnections())
                    .isEqualTo(FileDescriptors.defaultMaxConnections(FileDescriptors.processLimit()));
        }
    }

    @Test
    void startWarnsWhenMaxConnectionsIsAboveWhatTheFdLimitLeaves() {
        assertThat(HouseServer.warnIfAboveTheFileDescriptorLimit(10_000, 256)).isTrue();
        assertThat(HouseServer.warnIfAboveTheFileDescriptorLimit(192, 256)).isFalse();
        assertThat(HouseServer.warnIfAboveTheFileDescriptorLimit(10_000, -1)).isFalse();
    }
}
