/**
 * The ahead-of-time guard: stops an application whose AOT-processed wiring was built for another
 * tracing mode than the one its configuration asks for at run time, with a failure analysis.
 *
 * <p>Internal: not API. These types are public only so that the starter's other packages (and, for
 * the agent, the OpenTelemetry Java agent) can reach them; they may change in any release.
 */
package io.github.checklyotel.autoconfigure.internal.aot;
