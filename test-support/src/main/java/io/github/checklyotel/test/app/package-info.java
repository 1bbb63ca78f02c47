/**
 * The application every classpath combination starts ({@link
 * io.github.checklyotel.test.app.ComboApplication}) and the tests that must hold in each: the
 * integration test modules extend them with their own dependencies.
 */
package io.github.checklyotel.test.app;
