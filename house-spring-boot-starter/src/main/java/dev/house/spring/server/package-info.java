/**
 * The house server as part of a Spring application: its lifecycle, its start-up event and the
 * composition of exchange listeners.
 */
@NullMarked
package dev.house.spring.server;

import org.jspecify.annotations.NullMarked;
