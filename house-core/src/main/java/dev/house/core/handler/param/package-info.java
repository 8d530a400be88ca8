/**
 * Typed, validated handler parameters: {@link dev.house.core.handler.param.Param} declares one
 * (source, type, restrictions), {@link dev.house.core.handler.param.ParamTypes} and the
 * {@link dev.house.core.handler.param.TypeRegistry} convert raw values, and every bad value is
 * reported by name in one {@link dev.house.core.handler.param.InvalidParametersException}. The
 * starter maps its annotations onto these types and parses nothing itself.
 *
 * <p>May use {@code http} and {@code multipart} (uploaded parts as parameters).
 */
package dev.house.core.handler.param;
