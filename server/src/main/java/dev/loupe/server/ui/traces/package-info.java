/**
 * The traces list (filters, sort, rows that refresh while open) and a trace's page: its observation
 * tree, timeline and the panel of one observation.
 */
package dev.loupe.server.ui.traces;
