package dev.loupe.server.ui;

/** What was not found in the signed-in project. */
public record NotFoundPage(String message) {}
