/**
 * Real OTLP receivers for tests, over HTTP and gRPC, that decode what arrives with the official
 * {@code opentelemetry-proto} classes, and the two ways a test gets one: {@link
 * io.github.checklyotel.test.otlp.WithOtlpReceiver} for a Spring test context, {@link
 * io.github.checklyotel.test.otlp.OtlpReceiverExtension} for a JUnit test class.
 */
package io.github.checklyotel.test.otlp;
