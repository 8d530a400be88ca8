package dev.house.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HouseServerObservationsTests {

    @Test
    void aRegistryWithoutHandlersCostsAnExchangeNothing() {
        HouseServerObservations observations = new HouseServerObservations(ObservationRegistry.create(), null);
        Request request = Request.builder(HttpMethod.GET, "/hello").build();

        observations.received(request);
        observations.completed(request, null, Response.text("hi"), 1_000);

        assertThat(request.attribute(HouseServerObservations.class.getName())).isNull();
    }

    @Test
    void aRegistryWithAHandlerSeesTheExchangeStartAndStop() {
        List<String> seen = new ArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                seen.add("start " + context.getName());
            }

            @Override
            public void onStop(Observation.Context context) {
                seen.add("stop " + context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        HouseServerObservations observations = new HouseServerObservations(registry, null);
        Request request = Request.builder(HttpMethod.GET, "/hello").build();

        observations.received(request);
        observations.completed(request, null, Response.text("hi"), 1_000);

        assertThat(seen).containsExactly("start http.server.requests", "stop http.server.requests");
    }
}
