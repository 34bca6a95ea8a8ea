/**
 * The Loupe Java SDK: {@link dev.loupe.sdk.Loupe} records observations on OpenTelemetry with the
 * Langfuse wire attributes, for Loupe, Langfuse and Lemma servers.
 */
package dev.loupe.sdk;
