package dev.colossus.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code colossus studio}: makes images, music and video from text sources; each kind is a subcommand. */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "Render text sources to media: SVG to PNG, animated SVG to MP4 or GIF, ABC notation to audio.",
        subcommands = {
                StudioImageCommand.class,
                StudioVideoCommand.class,
                StudioMusicCommand.class,
        })
public final class StudioCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a kind of media: image, video or music");
    }
}
