package io.argus.pipeline.process;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How to start one JVM: its classpath, main class, JVM options, arguments, extra environment variables and working
 * directory. {@link #commandLine()} is what {@link ManagedProcess} runs, and what a person would type to run the same
 * process by hand.
 */
public record JavaCommand(List<Path> classpath, String mainClass, List<String> jvmOptions, List<String> arguments,
    Map<String, String> environment, Path workingDirectory) {

  public JavaCommand {
    classpath = List.copyOf(classpath);
    jvmOptions = List.copyOf(jvmOptions);
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
    if (classpath.isEmpty()) {
      throw new IllegalArgumentException("a Java command needs a classpath");
    }
    if (mainClass == null || mainClass.isBlank()) {
      throw new IllegalArgumentException("a Java command needs a main class");
    }
  }

  /** The same command with {@code more} arguments after its own. */
  public JavaCommand withArguments(List<String> more) {
    List<String> all = new ArrayList<>(arguments);
    all.addAll(more);
    return new JavaCommand(classpath, mainClass, jvmOptions, all, environment, workingDirectory);
  }

  /** {@code java [options] -cp CLASSPATH MAIN [arguments]}, with the {@code java} of this JVM. */
  public List<String> commandLine() {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(jvmOptions);
    line.add("-cp");
    line.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    line.add(mainClass);
    line.addAll(arguments);
    return line;
  }
}
