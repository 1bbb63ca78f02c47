/**
 * OpenTelemetry's declarative configuration made to record only Checkly traces: the {@code checkly}
 * sampler, propagator and span processor as named components, and the one rule that puts them into
 * whatever model the user wrote.
 *
 * <p>Internal: not API. These types are public only so that the starter's auto-configuration and
 * the Java agent extension can use them; they may change in any release.
 */
package io.github.checklyotel.declarative.internal;
