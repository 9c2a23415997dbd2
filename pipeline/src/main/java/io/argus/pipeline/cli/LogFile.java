package io.argus.pipeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Moves the log into a file: sets the system properties {@code log4j2.xml} selects its appenders by
 * ({@value #FILE_PROPERTY}, {@value #CONSOLE_LEVEL_PROPERTY}, {@value #CONSOLE_PREFIX_PROPERTY}) and reconfigures
 * Log4j. The file then gets everything that was logged (Argus's INFO, everyone's WARN and ERROR), rolled; the
 * console keeps everyone's ERROR and Argus's own lines from the given level up. What goes where is the XML's; this
 * class only switches it on.
 */
final class LogFile {

  static final String FILE_PROPERTY = "argus.log.file";
  static final String CONSOLE_LEVEL_PROPERTY = "argus.log.console-level";
  static final String CONSOLE_PREFIX_PROPERTY = "argus.log.console-prefix";
  /** Returns to the start of the line and clears it: a console line then replaces a status line being redrawn. */
  static final String CLEAR_LINE = "\r\u001B[K";
  /** Console levels: Argus's INFO and up (commands with {@code --log-file}), or its warnings only (the demo). */
  static final String ARGUS_INFO = "INFO";
  static final String ARGUS_WARNINGS = "WARN";
  private static final String CONFIGURATION = "/log4j2.xml";

  private LogFile() {
  }

  /** The application's {@code log4j2.xml} (not a test configuration that may come first on a test's classpath). */
  private static URI configuration() {
    URL resource = LogFile.class.getResource(CONFIGURATION);
    if (resource == null) {
      throw new IllegalStateException(CONFIGURATION + " is not on the classpath");
    }
    try {
      return resource.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  /** The file the log goes to, when it has been moved. */
  static Optional<Path> current() {
    return Optional.ofNullable(System.getProperty(FILE_PROPERTY)).map(Path::of);
  }

  /**
   * Sends the log to {@code file} (its directory created), the console keeping everyone's ERROR and Argus's lines
   * of {@code consoleLevel} and above; on a terminal each console line first clears the line it starts on.
   */
  static void moveTo(Path file, String consoleLevel, boolean terminal) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the log directory " + absolute.getParent(), e);
    }
    System.setProperty(FILE_PROPERTY, absolute.toString());
    System.setProperty(CONSOLE_LEVEL_PROPERTY, consoleLevel);
    System.setProperty(CONSOLE_PREFIX_PROPERTY, terminal ? CLEAR_LINE : "");
    Configurator.reconfigure(configuration());
  }
}
