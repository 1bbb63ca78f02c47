/**
 * Spring Boot Actuator support: the {@code checkly} health indicator, which reports whether spans
 * reach the endpoint, its place in health groups, and the {@code checkly} info contribution.
 * Micrometer meters live in {@code metrics}; Spring Boot 3's variants of the health types, whose
 * packages Boot 4 moved, are compiled from {@code src/main/boot3}.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.actuate.internal;
