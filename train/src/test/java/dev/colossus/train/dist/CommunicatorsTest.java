package dev.colossus.train.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommunicatorsTest {

    @Test
    void aProcessNotStartedByMpirunIsASingleProcessAndLoadsNoLibrary() {
        Communicator comm = Communicators.fromEnvironment(Map.of("PATH", "/usr/bin"), List.of("libcolossus-absent-mpi.so"));
        assertThat(comm).isSameAs(SingleProcess.INSTANCE);
    }

    @Test
    void startedByMpirunWithoutOpenMpiFailsWithOneLineNamingWhatWasTried() {
        assertThatThrownBy(() -> Communicators.fromEnvironment(
                Map.of("OMPI_COMM_WORLD_SIZE", "2"), List.of("libcolossus-absent-mpi.so", "/nowhere/libmpi.so.40")))
                .isInstanceOf(CommunicatorException.class)
                .hasMessageStartingWith("started by mpirun (OMPI_COMM_WORLD_SIZE=2) but Open MPI's library could not be loaded")
                .hasMessageContaining("tried libcolossus-absent-mpi.so, /nowhere/libmpi.so.40")
                .hasMessageContaining("apt-get install openmpi-bin")
                .message().doesNotContain("\n");
    }

    @Test
    void aPmixLaunchAlsoCountsAsMpirun() {
        assertThatThrownBy(() -> Communicators.fromEnvironment(Map.of("PMIX_RANK", "1"), List.of("libcolossus-absent-mpi.so")))
                .isInstanceOf(CommunicatorException.class)
                .hasMessageStartingWith("started by mpirun (PMIX_RANK=1)");
    }

    @Test
    void aLibraryThatIsNotOpenMpiIsRejectedByName() {
        assertThatThrownBy(() -> Communicators.fromEnvironment(Map.of("OMPI_COMM_WORLD_SIZE", "2"), List.of("libc.so.6")))
                .isInstanceOf(CommunicatorException.class)
                .hasMessageContaining("has no ompi_mpi_comm_world")
                .hasMessageContaining("needs Open MPI");
    }

    @Test
    void ranksOnOneMachineShareItsProcessorsAndAProcessAloneTakesThemAll() {
        assertThat(Communicators.defaultThreads(Map.of(), 8)).isEqualTo(8);
        assertThat(Communicators.defaultThreads(Map.of("OMPI_COMM_WORLD_LOCAL_SIZE", "2"), 8)).isEqualTo(4);
        assertThat(Communicators.defaultThreads(Map.of("OMPI_COMM_WORLD_LOCAL_SIZE", "4"), 2)).isEqualTo(1);
        assertThat(Communicators.defaultThreads(Map.of("OMPI_COMM_WORLD_LOCAL_SIZE", "x"), 2)).isEqualTo(2);
    }
}
