/**
 * Auto-configuration of Micrometer Observation for house: server request observations and
 * observed channel publishes, when the application has an {@code ObservationRegistry}.
 */
@NullMarked
package dev.house.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
