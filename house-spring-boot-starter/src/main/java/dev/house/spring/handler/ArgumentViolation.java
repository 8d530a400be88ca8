package dev.house.spring.handler;

/**
 * One violated constraint of a route method's arguments.
 *
 * @param parameterIndex the method parameter it concerns
 * @param name what the client sent it as: a parameter name or a body property path
 * @param message the constraint's message, e.g. "size must be between 1 and 16"
 * @param constraint the constraint annotation's simple name, e.g. {@code Size}
 */
public record ArgumentViolation(int parameterIndex, String name, String message, String constraint) {
}
