/**
 * Micrometer Observation support: keeps Spring's own HTTP observations from tracing a request that
 * OpenTelemetry's instrumentation already traces.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.observation.internal;
