package dev.house.spring.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.ExchangeListener;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeExchangeListenerTest {

    private final Request request = Request.builder(HttpMethod.GET, "/").build();

    @Test
    void aThrowingListenerDoesNotSilenceTheOthers() {
        List<String> heard = new ArrayList<>();
        ExchangeListener throwing = new ExchangeListener() {
            @Override
            public void received(Request r) {
                throw new IllegalStateException("broken listener");
            }
        };
        ExchangeListener recording = new ExchangeListener() {
            @Override
            public void received(Request r) {
                heard.add(r.path());
            }
        };
        CompositeExchangeListener.of(List.of(throwing, recording)).received(request);
        assertThat(heard).containsExactly("/");
    }

    @Test
    void noListenersMeansTheNoOpListener() {
        assertThat(CompositeExchangeListener.of(List.of())).isSameAs(ExchangeListener.NONE);
    }

    @Test
    void aSingleListenerIsUsedAsIs() {
        ExchangeListener only = new ExchangeListener() {
        };
        assertThat(CompositeExchangeListener.of(List.of(only))).isSameAs(only);
    }
}
