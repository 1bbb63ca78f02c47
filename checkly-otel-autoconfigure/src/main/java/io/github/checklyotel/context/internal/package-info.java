/**
 * Carrying OpenTelemetry's context across threads: the task decorator Spring Boot applies to the
 * executors it builds, so that work handed off within a Checkly trace stays in it.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.context.internal;
