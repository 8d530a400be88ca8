/**
 * The Redis SSE broker: channels shared by several house nodes through Redis streams, with ids,
 * history and replay that work on any node. See {@code REDIS.md} in the starter.
 */
package dev.house.spring.redis;
