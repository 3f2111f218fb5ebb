package com.wuye.workflow.emergency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The residents' emergency guidance (EM-1 … EM-3) in the procedure's own words, kept once in
 * {@code processes/guidance/<KIND>.md} where process owners edit it. Staff see it in their
 * forms, and it is the body of every notice to residents: one text, no copies.
 */
@Component
public class EmergencyGuidance {

  /** The kinds of incident and their names in Chinese. */
  public enum Kind {
    FIRE("火警"), STRONG_WIND("強風"), EARTHQUAKE("地震"), OTHER("其他");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Map<Kind, String> texts = new EnumMap<>(Kind.class);

  public EmergencyGuidance() {
    for (Kind kind : Kind.values()) {
      try (InputStream in = new ClassPathResource("processes/guidance/" + kind + ".md").getInputStream()) {
        texts.put(kind, new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
      } catch (IOException e) {
        throw new UncheckedIOException("guidance text missing for " + kind, e);
      }
    }
  }

  public String text(Kind kind) {
    return texts.get(kind);
  }
}
