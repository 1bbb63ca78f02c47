/**
 * The WebFlux side: the boundary and the bean post-processor that lets other requests skip
 * OpenTelemetry's server web filter, as {@code web} does for servlets.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.webflux.internal;
