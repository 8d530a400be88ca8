/**
 * Static files from a directory or the classpath: {@link dev.house.core.files.StaticFiles} makes
 * a handler with content types, validators and 304s, index files, hidden dotfiles and no way out
 * of the root.
 *
 * <p>May use {@code http} only.
 */
package dev.house.core.files;
