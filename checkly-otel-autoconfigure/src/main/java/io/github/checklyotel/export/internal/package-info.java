/**
 * The exporter wrapper that records how each OTLP export fares in {@code ExportStatus}, the masking
 * that keeps secrets out of what it logs, and the {@code checkly-log} exporter that writes each
 * Checkly trace to the application log when no endpoint is configured.
 *
 * <p>Internal: not API. These types are public only so that the auto-configuration can build them;
 * they may change in any release.
 */
package io.github.checklyotel.export.internal;
