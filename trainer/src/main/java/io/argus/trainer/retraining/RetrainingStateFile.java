package io.argus.trainer.retraining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.features.offline.DatasetSplit.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retraining state as a small JSON file: format, reference window, last training, drift episode, last skip, and
 * the remembered trainings. Written whole to a temporary file and moved into place.
 */
final class RetrainingStateFile implements RetrainingStateStore {

  private static final Logger LOG = LoggerFactory.getLogger(RetrainingStateFile.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int FORMAT = 1;

  private final Path file;
  private final RetrainingState initial;

  RetrainingStateFile(Path file, RetrainingState initial) {
    this.file = file;
    this.initial = initial;
  }

  @Override
  public RetrainingState load() {
    if (!Files.isRegularFile(file)) {
      return initial;
    }
    try {
      return read(JSON.readTree(file.toFile()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("The retraining state in {} cannot be read ({}); starting from the champion's", file, e.toString());
      return initial;
    }
  }

  @Override
  public void save(RetrainingState state) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(temporary.toFile(), write(state));
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the retraining state to " + file, e);
    }
  }

  private static ObjectNode write(RetrainingState state) {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
    root.set("reference", window(state.reference()));
    root.put("lastTraining", state.lastTraining().toString());
    root.put("driftSince", state.driftSince() == null ? null : state.driftSince().toString());
    root.put("lastSkip", state.lastSkip());
    ArrayNode trainings = root.putArray("trainings");
    for (RetrainingState.Training training : state.trainings()) {
      ObjectNode node = trainings.addObject().put("at", training.at().toString());
      node.set("data", window(training.data()));
      node.put("reason", training.reason()).put("modelVersion", training.modelVersion())
          .put("promoted", training.promoted()).put("decision", training.decision());
    }
    return root;
  }

  private static RetrainingState read(JsonNode root) {
    if (root.path("format").asInt() != FORMAT) {
      throw new IllegalArgumentException("format " + root.path("format") + ", expected " + FORMAT);
    }
    List<RetrainingState.Training> trainings = new ArrayList<>();
    for (JsonNode node : root.path("trainings")) {
      trainings.add(new RetrainingState.Training(Instant.parse(node.path("at").asText()), window(node.path("data")),
          node.path("reason").asText(), node.path("modelVersion").asText(), node.path("promoted").asBoolean(),
          node.path("decision").asText()));
    }
    return new RetrainingState(window(root.path("reference")), Instant.parse(root.path("lastTraining").asText()),
        instantOrNull(root.path("driftSince")), trainings, root.path("lastSkip").isTextual()
            ? root.path("lastSkip").asText() : null);
  }

  private static ObjectNode window(Window window) {
    return JSON.createObjectNode().put("from", window.from().toString()).put("to", window.to().toString());
  }

  private static Window window(JsonNode node) {
    return new Window(Instant.parse(node.path("from").asText()), Instant.parse(node.path("to").asText()));
  }

  private static Instant instantOrNull(JsonNode node) {
    return node.isTextual() ? Instant.parse(node.asText()) : null;
  }
}
