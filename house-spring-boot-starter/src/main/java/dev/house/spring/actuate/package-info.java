/**
 * The house actuator endpoint: server state and event channels.
 */
@NullMarked
package dev.house.spring.actuate;

import org.jspecify.annotations.NullMarked;
