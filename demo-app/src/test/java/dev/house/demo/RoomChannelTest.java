package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoomChannelTest {

    private static final String CHANNEL_CHARACTERS = "[A-Za-z0-9_.:-]{1,64}";

    @Test
    void aRoomOfLettersDigitsUnderscoresAndHyphensIsItsOwnChannel() {
        assertThat(RoomChannel.of("lobby")).isEqualTo("lobby");
        assertThat(RoomChannel.of("Board_games-2")).isEqualTo("Board_games-2");
    }

    @Test
    void anyOtherRoomBecomesAValidChannelName() {
        for (String room : List.of("café", "Board games", "日本語", "a.b", "x:y", "🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊", "\n")) {
            assertThat(RoomChannel.of(room)).as(room).matches(CHANNEL_CHARACTERS).startsWith(".");
        }
    }

    @Test
    void distinctRoomsGetDistinctChannels() {
        List<String> rooms = List.of("a.b", "a b", "A B", "a  b", "ab", "a-b", "a_b", "café", "cafe\u0301");
        Set<String> channels = rooms.stream().map(RoomChannel::of).collect(Collectors.toSet());
        assertThat(channels).hasSize(rooms.size());
    }

    @Test
    void theSameRoomAlwaysGetsTheSameChannel() {
        assertThat(RoomChannel.of("Grüße 日本")).isEqualTo(RoomChannel.of("Grüße 日本"));
    }
}
