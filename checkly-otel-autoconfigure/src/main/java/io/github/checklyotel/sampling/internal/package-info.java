/**
 * How the boundary and the agent build what samples: the rule that makes a request Checkly's
 * ({@code ChecklyRequestMatcher}) and the settings the sampler, the cap and the call memory are
 * built from, with their bounds. Nothing here depends on Spring.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.sampling.internal;
