package dev.loupe.server.ui;

/** The sign-in form; {@code error} is empty unless the last attempt failed. */
public record LoginPage(String error, String publicKey) {}
