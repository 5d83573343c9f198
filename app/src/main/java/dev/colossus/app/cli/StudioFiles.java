package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reading sources and writing media for the {@code studio} commands, with one-line errors ({@link UserError}). */
final class StudioFiles {
    private StudioFiles() {
    }

    /** The file as UTF-8 text. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UserError(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the file (" + e.getMessage() + ")");
        }
    }

    /** Writes (or replaces) the file. */
    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write the file (" + e.getMessage() + ")");
        }
    }

    /**
     * A source that does not render, as one line naming where it came from: the {@code --from} file, or the model's
     * source when it was written from {@code --prompt} ({@code from} null).
     */
    static UserError renderError(Path from, SourceException e) {
        return new UserError((from != null ? from.toString() : "the model's source") + ": " + e.getMessage());
    }

    /** The file name's extension, lower case, without the dot; empty when it has none. */
    static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Reads {@code --size WIDTHxHEIGHT}. */
    static final class SizeConverter implements ITypeConverter<Size> {
        @Override
        public Size convert(String value) {
            try {
                return Size.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
