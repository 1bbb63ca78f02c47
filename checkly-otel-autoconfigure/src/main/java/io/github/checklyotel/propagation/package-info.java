/**
 * The boundary's decision about a request, carried in OpenTelemetry's {@code Context} ({@code
 * ChecklyContext}), for samplers and instrumentation to read. The W3C Trace Context code it rests
 * on is in {@code propagation.internal}. Nothing here depends on Spring: the Java agent extension
 * packages it.
 */
package io.github.checklyotel.propagation;
