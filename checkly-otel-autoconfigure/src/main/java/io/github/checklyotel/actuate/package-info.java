/**
 * Spring Boot Actuator support: the {@code checkly} health indicator, which reports whether spans
 * reach the endpoint, its place in health groups, and the {@code checkly} info contribution.
 * Micrometer meters live in {@code metrics}; Spring Boot 3's variants of the health types, whose
 * packages Boot 4 moved, are compiled from {@code src/main/boot3}.
 */
package io.github.checklyotel.actuate;
