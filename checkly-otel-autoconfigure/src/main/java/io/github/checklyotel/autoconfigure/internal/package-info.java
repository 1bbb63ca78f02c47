/**
 * What the auto-configurations and the feature packages under this one share: the tracing mode
 * ({@code ChecklyTracingMode}) that the conditions and the ahead-of-time guard read.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.autoconfigure.internal;
