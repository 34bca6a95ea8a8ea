/**
 * The dashboard and the models page: figures from the metrics queries the API answers, over a time
 * window, and the price catalog with the models that have traffic but no price.
 */
package dev.loupe.server.ui.analytics;
