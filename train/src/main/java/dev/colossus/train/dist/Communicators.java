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

    /**
     * The compute threads a rank should use when none are asked for: the processors this process may run on,
     * divided among the ranks that {@code mpirun} started on this machine ({@code OMPI_COMM_WORLD_LOCAL_SIZE}), at
     * least one. Ranks that each run as many threads as the machine has cores would take turns on them.
     */
    public static int defaultThreads() {
        return defaultThreads(System.getenv(), Runtime.getRuntime().availableProcessors());
    }

    static int defaultThreads(Map<String, String> environment, int processors) {
        int local = 1;
        try {
            local = Math.max(1, Integer.parseInt(environment.getOrDefault("OMPI_COMM_WORLD_LOCAL_SIZE", "1").trim()));
        } catch (NumberFormatException e) {
            // not set by Open MPI: this process is alone
        }
        return Math.max(1, processors / local);
    }

    private static String launchedBy(Map<String, String> environment) {
        for (String variable : List.of("OMPI_COMM_WORLD_SIZE", "PMIX_RANK")) {
            String value = environment.get(variable);
            if (value != null) return variable + "=" + value;
        }
        return null;
    }
}
