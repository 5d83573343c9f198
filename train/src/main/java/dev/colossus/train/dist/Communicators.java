package dev.colossus.train.dist;

import java.util.List;
import java.util.Map;

/** Chooses the communicator for this process from how it was started. */
public final class Communicators {
    private Communicators() {}

    /**
     * Returns an {@link MpiCommunicator} when {@code mpirun} started this process (it sets
     * {@code OMPI_COMM_WORLD_SIZE}, or {@code PMIX_RANK} under a PMIx launcher), and {@link SingleProcess} otherwise,
     * which loads no library. The caller closes it after the last collective.
     *
     * @throws CommunicatorException with a one-line message when mpirun started the process but Open MPI's library
     *     cannot be loaded or initialised
     */
    public static Communicator fromEnvironment() {
        return fromEnvironment(System.getenv(), OpenMpi.LIBRARY_CANDIDATES);
    }

    static Communicator fromEnvironment(Map<String, String> environment, List<String> libraryCandidates) {
        String launcher = launchedBy(environment);
        if (launcher == null) return SingleProcess.INSTANCE;
        try {
            return MpiCommunicator.open(libraryCandidates);
        } catch (CommunicatorException e) {
            throw new CommunicatorException("started by mpirun (" + launcher + ") but " + e.getMessage(), e);
        }
    }

    private static String launchedBy(Map<String, String> environment) {
        for (String variable : List.of("OMPI_COMM_WORLD_SIZE", "PMIX_RANK")) {
            String value = environment.get(variable);
            if (value != null) return variable + "=" + value;
        }
        return null;
    }
}
