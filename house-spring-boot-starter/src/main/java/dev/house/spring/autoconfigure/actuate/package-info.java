/**
 * Auto-configuration of the house actuator endpoint.
 */
@NullMarked
package dev.house.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
