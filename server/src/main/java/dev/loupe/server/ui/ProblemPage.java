package dev.loupe.server.ui;

/** An error page: a short title (e.g. "Bad request") and what went wrong. */
public record ProblemPage(String title, String message) {}
