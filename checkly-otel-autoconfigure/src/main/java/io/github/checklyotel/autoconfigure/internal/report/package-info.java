/**
 * What the starter says at startup: the one line that tells where Checkly traces go, and the report
 * on an OpenTelemetry Java agent found in the same JVM.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.autoconfigure.internal.report;
