/**
 * What the integration test modules share: the trace context values they send ({@link
 * io.github.checklyotel.test.TraceHeaders}). The applications under test and the tests every
 * classpath combination runs are in {@code app}, HTTP clients and a recording third party in {@code
 * http}, real OTLP receivers in {@code otlp}, applications in JVMs of their own in {@code process}.
 */
package io.github.checklyotel.test;
