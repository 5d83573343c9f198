package dev.colossus.train.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MpiCommunicatorTest {

    @Test
    void twoRanksUnderMpirunSumMeanBroadcastAndMeetAtABarrier() throws Exception {
        Mpirun.Result job = Mpirun.run(2, Mpirun.java(MpiCheck.class, "2"), Path.of("."), 120);
        assertThat(job.output()).contains("rank 0 of 2: ok", "rank 1 of 2: ok");
        assertThat(job.exitCode()).as(job.output()).isZero();
    }

    @Test
    void aWrongResultOnOneRankFailsTheWholeJob() throws Exception {
        // The check expects two ranks; three make every rank's size check fail, which must not pass as success.
        Mpirun.Result job = Mpirun.run(3, Mpirun.java(MpiCheck.class, "2"), Path.of("."), 120);
        assertThat(job.output()).contains("size 3, expected 2").doesNotContain(": ok");
        assertThat(job.exitCode()).isNotZero();
    }

    @Test
    void aRankThatAbortsEndsTheRanksWaitingForItInACollective() throws Exception {
        Mpirun.Result job = Mpirun.run(2, Mpirun.java(MpiCheck.class, "2", "1"), Path.of("."), 60);
        assertThat(job.output()).contains("rank 1: aborting").doesNotContain(": ok");
        assertThat(job.exitCode()).isNotZero();
    }
}
