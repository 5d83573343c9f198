package dev.colossus.social;

/** The outcome of a user's request to change their password. */
public sealed interface PasswordChange {

    /** The password was changed, and {@code revokedTokens} other tokens of the account stopped working. */
    record Changed(int revokedTokens) implements PasswordChange {
    }

    /** The current password given was wrong; nothing changed. */
    record WrongPassword() implements PasswordChange {
    }
}
