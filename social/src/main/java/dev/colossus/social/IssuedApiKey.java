package dev.colossus.social;

/** A freshly created API key with its secret in clear: the only time the secret is ever shown. */
public record IssuedApiKey(ApiKey key, String secret) {
}
