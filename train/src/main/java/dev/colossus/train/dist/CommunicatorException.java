package dev.colossus.train.dist;

/**
 * A communicator could not be opened or a collective operation failed. The message is one line meant for the user
 * (for example that mpirun started the process but Open MPI's library is missing).
 */
public final class CommunicatorException extends RuntimeException {
    public CommunicatorException(String message) {
        super(message);
    }

    public CommunicatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
