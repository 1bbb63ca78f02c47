/**
 * W3C Trace Context Level 2 (the {@code traceparent} and {@code tracestate} headers and the
 * propagator that reads and writes them) and the boundary's decision about a request, carried in
 * OpenTelemetry's {@code Context} ({@code ChecklyContext}). Nothing here depends on Spring: the
 * Java agent extension packages it.
 */
package io.github.checklyotel.propagation;
