/**
 * Annotated handlers: {@link dev.house.spring.handler.HouseHandler} beans whose mapped methods
 * become house routes, and the annotations that bind their parameters.
 */
@NullMarked
package dev.house.spring.handler;

import org.jspecify.annotations.NullMarked;
