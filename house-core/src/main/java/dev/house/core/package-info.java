/**
 * The server's assembly: {@link dev.house.core.HouseServer} and its
 * {@link dev.house.core.ServerConfig}, which pick the protocols ({@code http2} before
 * {@code http1}), the default worker pool ({@link dev.house.core.Workers}) and map the settings
 * onto the I/O layer's {@code io.RuntimeConfig}.
 *
 * <p>May use every package of the core; no package of the core uses it ({@code ArchitectureTest}
 * checks both: no cycles, nothing depends on the root package).
 */
package dev.house.core;
