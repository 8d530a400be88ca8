package dev.house.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags house's server request observations. Define a bean of this type to change
 * them; {@link DefaultHouseServerRequestObservationConvention} is the default and a good base.
 */
public interface HouseServerRequestObservationConvention
        extends ObservationConvention<HouseServerRequestObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof HouseServerRequestObservationContext;
    }
}
