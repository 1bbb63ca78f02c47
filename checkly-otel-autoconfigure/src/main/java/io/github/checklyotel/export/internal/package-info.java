/**
 * The exporter wrapper that records how each OTLP export fares in {@code ExportStatus}, and the
 * masking that keeps secrets out of what it logs.
 *
 * <p>Internal: not API. These types are public only so that the auto-configuration can build them;
 * they may change in any release.
 */
package io.github.checklyotel.export.internal;
