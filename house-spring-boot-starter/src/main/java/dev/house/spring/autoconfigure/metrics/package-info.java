/**
 * Auto-configuration of house's Micrometer meters.
 */
@NullMarked
package dev.house.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
