/** Auto-configuration of the Redis SSE broker ({@code house.broker=redis}). */
@NullMarked
package dev.house.spring.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
