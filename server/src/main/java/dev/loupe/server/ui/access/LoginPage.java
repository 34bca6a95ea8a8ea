package dev.loupe.server.ui.access;

/**
 * The sign-in form; {@code error} is empty unless the last attempt failed; {@code adminEnabled}
 * shows the admin-password form.
 */
public record LoginPage(String error, String publicKey, boolean adminEnabled) {}
