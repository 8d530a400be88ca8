/**
 * {@code multipart/form-data} uploads (RFC 7578): {@link dev.house.core.multipart.MultipartForm#parse}
 * with default limits, or a configured {@link dev.house.core.multipart.MultipartParser}.
 */
package dev.house.core.multipart;
