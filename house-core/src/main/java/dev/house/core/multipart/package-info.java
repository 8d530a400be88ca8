/**
 * {@code multipart/form-data} uploads (RFC 7578): {@link dev.house.core.multipart.MultipartForm#parse}
 * with default limits, or a configured {@link dev.house.core.multipart.MultipartParser}.
 *
 * <p>May use {@code http} only.
 */
package dev.house.core.multipart;
