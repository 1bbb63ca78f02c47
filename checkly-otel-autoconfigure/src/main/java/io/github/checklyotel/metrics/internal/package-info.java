/**
 * Micrometer meters about Checkly tracing: spans exported and failed, requests left untraced,
 * traces started and refused by the spoofing cap.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.metrics.internal;
