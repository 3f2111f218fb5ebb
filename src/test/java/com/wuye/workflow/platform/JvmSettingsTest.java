package com.wuye.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The JVM settings live in one place, the pom's {@code app.jvmOptions}: {@code spring-boot:run}
 * and the benchmark take them from there, and the README's production section must print the
 * same, or an operator would run what nobody measured.
 */
class JvmSettingsTest {

  @Test
  @DisplayName("#19 the README's production JVM settings are the pom's app.jvmOptions, which spring-boot:run uses")
  void readmeNamesThePomsJvmSettings() throws Exception {
    String jvmOptions = jvmOptions();
    assertThat(jvmOptions).contains("-Xmx");
    assertThat(Files.readString(Path.of("pom.xml")))
        .contains("<jvmArguments>${app.jvmOptions}</jvmArguments>");
    assertThat(Files.readString(Path.of("README.md")))
        .contains("export WUYE_JVM_OPTIONS=\"" + jvmOptions + "\"")
        .contains("MALLOC_ARENA_MAX=2 java $WUYE_JVM_OPTIONS -jar");
  }

  @Test
  @DisplayName("#19 with the app's JVM settings H2 writes large commits from many threads without running out of native buffers")
  void largeH2CommitsFitTheNativeBuffers(@org.junit.jupiter.api.io.TempDir Path data)
      throws Exception {
    // a 16 MB limit with the JDK's cache of a native buffer per thread closed the database
    // (H2: "Cannot reserve 4489216 bytes of direct buffer memory") under the benchmark's load
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(java.util.List.of(jvmOptions().split("\\s+")));
    command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"),
        H2LargeCommits.class.getName(), data.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }

  private static String jvmOptions() throws java.io.IOException {
    Matcher options = Pattern.compile("<app.jvmOptions>([^<]+)</app.jvmOptions>")
        .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(options.find()).as("pom.xml defines app.jvmOptions").isTrue();
    return options.group(1).trim();
  }
}
