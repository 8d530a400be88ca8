/**
 * Micrometer meters of the house server: request timings by route template, connections and
 * bytes transferred.
 */
@NullMarked
package dev.house.spring.metrics;

import org.jspecify.annotations.NullMarked;
