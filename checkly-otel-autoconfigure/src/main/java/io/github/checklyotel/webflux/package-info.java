/**
 * The WebFlux side: the boundary and the bean post-processor that lets other requests skip
 * OpenTelemetry's server web filter, as {@code web} does for servlets.
 */
package io.github.checklyotel.webflux;
