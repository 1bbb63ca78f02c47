/**
 * The OpenTelemetry version check: which SDK and instrumentation versions this build of the starter
 * was made against ({@code StarterBuild}), the check at startup, and its failure analysis.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.autoconfigure.internal.version;
