package dev.colossus.assistant.persona;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The personas an assistant offers: the built-in {@link Persona#REGULAR} and {@link Persona#FUN}, plus any an
 * operator defines in a YAML or JSON file:
 *
 * <pre>
 * personas:
 *   - id: pirate
 *     description: Talks like a pirate.
 *     prompt: "You are {name} ({handle}), a pirate. ..."
 *     temperature: 0.8      # optional, defaults to the regular persona's
 *     top_p: 0.95
 *     max_tokens: 400
 * </pre>
 *
 * A file persona with the id of a built-in replaces it. Immutable and thread-safe.
 */
public final class Personas {

    private final Map<String, Persona> byId;

    private Personas(Map<String, Persona> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** Only the built-in personas. */
    public static Personas builtin() {
        Map<String, Persona> map = new LinkedHashMap<>();
        map.put(Persona.REGULAR.id(), Persona.REGULAR);
        map.put(Persona.FUN.id(), Persona.FUN);
        return new Personas(map);
    }

    /**
     * The built-ins plus the personas in {@code file} ({@code .yaml}, {@code .yml} or {@code .json}).
     *
     * @throws IllegalArgumentException naming the file and the problem when it cannot be read or is invalid
     */
    public static Personas load(Path file) {
        ObjectMapper mapper = (file.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        FileContent content;
        try {
            content = mapper.readValue(Files.readString(file), FileContent.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read personas file " + file + ": " + e.getMessage());
        }
        Map<String, Persona> map = new LinkedHashMap<>(builtin().byId);
        if (content == null || content.personas == null) return new Personas(map);
        for (Entry e : content.personas) {
            try {
                if (e.prompt == null || e.prompt.isBlank()) throw new IllegalArgumentException("a prompt is required");
                Sampling defaults = Persona.REGULAR.sampling();
                Sampling sampling = defaults.override(e.temperature, e.topP, e.maxTokens);
                String id = e.id == null ? null : e.id.toLowerCase(Locale.ROOT);
                map.put(id, new Persona(id, e.description, e.prompt, sampling));
            } catch (IllegalArgumentException | NullPointerException ex) {
                throw new IllegalArgumentException(file + ": persona '" + e.id + "': " + ex.getMessage());
            }
        }
        return new Personas(map);
    }

    /** Loads {@code personas.yaml}, {@code personas.yml} or {@code personas.json} from a directory if one exists. */
    public static Personas fromDirectory(Path dir) {
        for (String name : List.of("personas.yaml", "personas.yml", "personas.json")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) return load(file);
        }
        return builtin();
    }

    public Optional<Persona> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Persona get(String id) {
        Persona p = byId.get(id);
        if (p == null) throw new IllegalArgumentException("unknown persona '" + id + "' (known: " + String.join(", ", byId.keySet()) + ")");
        return p;
    }

    public Collection<Persona> all() {
        return byId.values();
    }

    /** The model id under which a persona is offered: {@code colossus}, {@code colossus-fun}, {@code colossus-ID}. */
    public static String modelId(Persona persona) {
        return modelId(persona.id());
    }

    /** The model id of the persona with this id. */
    public static String modelId(String personaId) {
        return personaId.equals(Persona.REGULAR.id()) ? "colossus" : "colossus-" + personaId;
    }

    /** The persona behind an assistant model id, if the id names one. */
    public Optional<Persona> forModelId(String modelId) {
        if (modelId == null) return Optional.empty();
        if (modelId.equals("colossus")) return find(Persona.REGULAR.id());
        if (modelId.startsWith("colossus-")) return find(modelId.substring("colossus-".length()));
        return Optional.empty();
    }

    private static final class FileContent {
        @JsonProperty("personas")
        List<Entry> personas;
    }

    private static final class Entry {
        @JsonProperty("id") String id;
        @JsonProperty("description") String description;
        @JsonProperty("prompt") String prompt;
        @JsonProperty("temperature") Double temperature;
        @JsonProperty("top_p") Double topP;
        @JsonProperty("max_tokens") Integer maxTokens;
    }
}
