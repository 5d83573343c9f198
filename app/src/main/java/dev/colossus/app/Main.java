package dev.colossus.app;

import dev.colossus.app.cli.BackupCommand;
import dev.colossus.app.cli.BenchCommand;
import dev.colossus.app.cli.ChatCommand;
import dev.colossus.app.cli.ChatTemplateCommand;
import dev.colossus.app.cli.PullCommand;
import dev.colossus.app.cli.RestoreCommand;
import dev.colossus.app.cli.GenerateCommand;
import dev.colossus.app.cli.StudioCommand;
import dev.colossus.app.cli.TrainCommand;
import dev.colossus.app.cli.ImportCommand;
import dev.colossus.app.cli.ServeCommand;
import dev.colossus.app.cli.TokenizeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code colossus} command: each subcommand lives in {@code dev.colossus.app.cli}. */
@Command(name = "colossus", mixinStandardHelpOptions = true, version = "Colossus 0.1.0",
        description = "A self-hostable microblogging network with a built-in assistant and a pure-Java LLM engine.",
        subcommands = {
                ServeCommand.class,
                ImportCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                ChatCommand.class,
                BenchCommand.class,
                ChatTemplateCommand.class,
                PullCommand.class,
                TokenizeCommand.class,
                GenerateCommand.class,
                TrainCommand.class,
                StudioCommand.class,
        })
public final class Main implements Runnable {

    /** Read from the parse result by {@link LogLevels}, whichever command it was given to. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also show the libraries' INFO log lines (database pool, migrations, HTTP server, search).")
    boolean verbose;

    public static void main(String[] args) {
        LauncherStderr.restore();
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; bad arguments print one line on stderr, never a stack trace. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
            return ex instanceof UserError ? 2 : 1;
        });
        cli.setParameterExceptionHandler((ex, params) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see --help)");
            return 2;
        });
        cli.setExecutionStrategy(parsed -> {
            LogLevels.configure(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
