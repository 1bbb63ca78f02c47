/**
 * Micrometer Observation support: keeps Spring's own HTTP observations from tracing a request that
 * OpenTelemetry's instrumentation already traces.
 */
package io.github.checklyotel.observation;
