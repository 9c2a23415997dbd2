package io.argus.pipeline.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a started process counts as ready: {@link ManagedProcess#awaitReady} polls it until it says so, the process
 * exits, or time runs out. The forms here: a line in the process's output (standard output and standard error go to
 * one log file), an HTTP endpoint answering 200, or several of them together.
 */
public interface Readiness {

  /** Whether {@code process} is ready now; an exception counts as not yet. */
  boolean isReady(ManagedProcess process) throws Exception;

  /** What it waits for, for messages. */
  String description();

  /** Ready once the output of the current run holds a line matching {@code regex}. */
  static Readiness logLine(String regex) {
    Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
    return new Readiness() {
      @Override
      public boolean isReady(ManagedProcess process) {
        return pattern.matcher(process.output()).find();
      }

      @Override
      public String description() {
        return "a log line matching " + regex;
      }
    };
  }

  /**
   * Ready once the process prints the line every long-running role prints when healthy,
   * {@code argus ROLE ready ops=http://HOST:PORT}.
   */
  static Readiness readyLine(String role) {
    return logLine("^argus " + Pattern.quote(role) + " ready ops=\\S+$");
  }

  /** The {@code ops=} address of the ready line, once printed. */
  static Optional<URI> opsAddress(ManagedProcess process, String role) {
    Matcher matcher = Pattern.compile("^argus " + Pattern.quote(role) + " ready ops=(\\S+)$", Pattern.MULTILINE)
        .matcher(process.output());
    return matcher.find() ? Optional.of(URI.create(matcher.group(1))) : Optional.empty();
  }

  /** Ready once {@code url} answers 200 to a GET. */
  static Readiness http(URI url) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return new Readiness() {
      @Override
      public boolean isReady(ManagedProcess process) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      }

      @Override
      public String description() {
        return "200 from " + url;
      }
    };
  }

  /** Ready once every one of {@code parts} is. */
  static Readiness allOf(Readiness... parts) {
    List<Readiness> all = List.of(parts);
    return new Readiness() {
      @Override
      public boolean isReady(ManagedProcess process) throws Exception {
        for (Readiness part : all) {
          if (!part.isReady(process)) {
            return false;
          }
        }
        return true;
      }

      @Override
      public String description() {
        return String.join(" and ", all.stream().map(Readiness::description).toList());
      }
    };
  }
}
