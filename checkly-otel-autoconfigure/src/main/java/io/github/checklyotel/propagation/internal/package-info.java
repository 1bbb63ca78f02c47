/**
 * W3C Trace Context Level 2 as the starter reads and writes it: {@code traceparent}, {@code
 * tracestate}, the {@code checkly} member, and the propagator built on them.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages and the
 * Java agent extension can use them; they may change in any release.
 */
package io.github.checklyotel.propagation.internal;
