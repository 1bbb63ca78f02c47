/**
 * Where spans go and how exports fare: {@code ExportStatus} (spans exported and failed, the last
 * failure classified), the target it reports on, and the {@code checkly-log} exporter that writes
 * each Checkly trace to the application log when no endpoint is configured. The exporter wrapper
 * that feeds {@code ExportStatus} is in {@code export.internal}.
 */
package io.github.checklyotel.export;
