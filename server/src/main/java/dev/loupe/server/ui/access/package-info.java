/**
 * Who sees which project: the sign-in form (key pair or admin password), the UI's sessions and
 * their cookie, the same-origin check on form posts, and the projects page where an admin switches
 * project.
 */
package dev.loupe.server.ui.access;
