/** The project-wide observations list, filtered and sorted like the public API's. */
package dev.loupe.server.ui.observations;
