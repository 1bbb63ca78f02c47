/**
 * The servlet side: the boundary filter that decides once per request whether it is Checkly's, and
 * runs OpenTelemetry's server filter for Checkly requests only.
 */
package io.github.checklyotel.web.internal;
