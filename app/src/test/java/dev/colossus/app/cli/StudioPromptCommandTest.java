package dev.colossus.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.http.ScriptedModelServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code colossus studio image|music --prompt}: a model over real HTTP writes the source, retried after an error. */
class StudioPromptCommandTest {

    private static final String BROKEN = "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"</svg>";
    private static final String SVG = "```svg\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" "
            + "viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" fill=\"#0a0\"/></svg>\n```";
    private static final String ABC = "X:1\nT:Up\nM:2/4\nL:1/8\nK:D\nDFAd | A2F2 |]";

    private final ScriptedModelServer model = new ScriptedModelServer(messages -> {
        String system = messages.get(0).get("content").asText();
        if (system.contains("ABC notation")) return ABC;
        boolean shownError = false;
        for (JsonNode m : messages) shownError |= m.get("content").asText().startsWith("That could not be rendered:");
        return shownError ? SVG : BROKEN;
    });

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        model.close();
    }

    @Test
    void imageFromAPromptIsTheModelsSecondSvgRenderedAtTheAskedSize() throws Exception {
        Path png = dir.resolve("ball.png");
        CliRun r = CliRun.of("studio", "image", "--prompt", "a green square", "--size", "48x32", "--out", png.toString(),
                "--llm-url", model.baseUrl(), "--llm-model", "scripted", "--mode", "fun");

        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(48);
        assertThat(image.getHeight()).isEqualTo(32);
        assertThat(model.requests).hasSize(2);
        assertThat(model.requests.get(0).get("messages").get(0).get("content").asText()).contains("playful");
        assertThat(r.err()).contains("scripted is writing the image");
    }

    @Test
    void musicFromAPromptIsWrittenInTheCommandsOwnOutputFormat() throws Exception {
        Path mid = dir.resolve("tune.mid");
        CliRun r = CliRun.of("studio", "music", "--prompt", "a short march", "--out", mid.toString(),
                "--llm-url", model.baseUrl(), "--llm-model", "scripted");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new String(Files.readAllBytes(mid), 0, 4)).isEqualTo("MThd");
    }

    @Test
    void exactlyOneOfFromAndPromptAndAModelAreRequired() throws Exception {
        Path svg = Files.writeString(dir.resolve("a.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        String out = dir.resolve("a.png").toString();

        CliRun both = CliRun.of("studio", "image", "--from", svg.toString(), "--prompt", "x", "--out", out);
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err().strip()).isEqualTo("colossus studio image: give exactly one of --from FILE and --prompt TEXT");
        CliRun neither = CliRun.of("studio", "video", "--out", dir.resolve("a.mp4").toString());
        assertThat(neither.code()).isEqualTo(2);

        if (System.getenv("COLOSSUS_MODEL") == null && System.getenv("COLOSSUS_LLM_URL") == null) {
            CliRun noModel = CliRun.of("studio", "image", "--prompt", "x", "--out", out);
            assertThat(noModel.code()).isEqualTo(1);
            assertThat(noModel.err().lines()).hasSize(1);
            assertThat(noModel.err()).contains("--model FILE.gguf", "COLOSSUS_LLM_URL");
            assertThat(Files.exists(Path.of(out))).isFalse();
        }
    }
}
