/**
 * Sessions and users: their lists with traces, cost, tokens and errors, and a session's
 * conversation turn by turn.
 */
package dev.loupe.server.ui.people;
