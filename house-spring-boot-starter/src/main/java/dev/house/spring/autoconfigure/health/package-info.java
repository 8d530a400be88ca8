/**
 * Auto-configuration of house's health indicator.
 */
@NullMarked
package dev.house.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
