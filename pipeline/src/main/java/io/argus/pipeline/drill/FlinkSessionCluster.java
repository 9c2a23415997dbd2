package io.argus.pipeline.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.pipeline.process.ManagedProcess;
import io.argus.pipeline.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink session cluster of separate JVMs, started from Flink's own entry points as Flink's scripts would start
 * them: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), one
 * {@code config.yaml} for all, and each JVM's memory options and dynamic properties computed by Flink's own process
 * utilities from that configuration (what {@code BashJavaUtils} does for the scripts). Jobs are submitted over REST
 * with Flink's {@link RestClusterClient}, from a job jar, as {@code flink run} does.
 */
final class FlinkSessionCluster implements AutoCloseable {

  static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAUSED_BY = "Caused by: ";

  private final DrillProcesses processes;
  private final Path configDirectory;
  private final Configuration configuration;
  private final URI rest;
  private final ManagedProcess jobManager;
  private final List<ManagedProcess> taskManagers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private FlinkSessionCluster(DrillProcesses processes, Path configDirectory, Configuration configuration, URI rest,
      ManagedProcess jobManager) {
    this.processes = processes;
    this.configDirectory = configDirectory;
    this.configuration = configuration;
    this.rest = rest;
    this.jobManager = jobManager;
  }

  /**
   * The settings of the session cluster: addresses on this machine, memory, and how fast it notices a lost
   * TaskManager and restarts the job (the root README explains the values). {@code overrides} win.
   */
  static Map<String, String> settings(Path flinkDirectory, int rpcPort, int restPort, int slotsPerTaskManager,
      Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("jobmanager.rpc.address", DrillProcesses.HOST);
    settings.put("jobmanager.rpc.port", Integer.toString(rpcPort));
    settings.put("jobmanager.bind-host", DrillProcesses.HOST);
    settings.put("rest.address", DrillProcesses.HOST);
    settings.put("rest.bind-address", DrillProcesses.HOST);
    settings.put("rest.port", Integer.toString(restPort));
    settings.put("taskmanager.host", DrillProcesses.HOST);
    settings.put("taskmanager.bind-host", DrillProcesses.HOST);
    settings.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
    settings.put("jobmanager.memory.process.size", "768m");
    settings.put("taskmanager.memory.process.size", "1024m");
    settings.put("taskmanager.memory.managed.size", "64m");
    settings.put("taskmanager.load-balance.mode", "SLOTS");
    settings.put("heartbeat.interval", "1s");
    settings.put("heartbeat.timeout", "5s");
    settings.put("restart-strategy.type", "exponential-delay");
    settings.put("restart-strategy.exponential-delay.initial-backoff", "200ms");
    settings.put("restart-strategy.exponential-delay.max-backoff", "10s");
    settings.put("restart-strategy.exponential-delay.backoff-multiplier", "2.0");
    settings.put("restart-strategy.exponential-delay.reset-backoff-threshold", "1min");
    settings.put("io.tmp.dirs", flinkDirectory.resolve("tmp").toAbsolutePath().toString());
    settings.put("web.tmpdir", flinkDirectory.resolve("web").toAbsolutePath().toString());
    settings.put("blob.storage.directory", flinkDirectory.resolve("blobs").toAbsolutePath().toString());
    settings.putAll(overrides);
    return settings;
  }

  /** Writes {@code config.yaml} and starts the JobManager; {@link #startTaskManager} adds TaskManagers. */
  static FlinkSessionCluster start(DrillProcesses processes, Map<String, String> settings)
      throws InterruptedException {
    Path flinkDirectory = processes.workDir().resolve("flink");
    Path configDirectory = flinkDirectory.resolve("conf");
    try {
      Files.createDirectories(configDirectory);
      for (String key : List.of("io.tmp.dirs", "web.tmpdir", "blob.storage.directory")) {
        Files.createDirectories(Path.of(settings.get(key)));
      }
      StringBuilder yaml = new StringBuilder("# Written by argus drill: the session cluster's configuration.\n");
      settings.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
      Files.writeString(configDirectory.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), yaml,
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink configuration under " + flinkDirectory, e);
    }
    Configuration configuration = GlobalConfiguration.loadConfiguration(configDirectory.toString());
    URI rest = URI.create("http://" + DrillProcesses.HOST + ":" + settings.get("rest.port"));
    JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(configuration);
    List<String> arguments = new ArrayList<>(List.of("--configDir", configDirectory.toString()));
    arguments.addAll(dynamicProperties(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
    ManagedProcess jobManager = processes.start("flink-jobmanager", processes.flink(JOB_MANAGER,
        jvmOptions(JobManagerProcessUtils.generateJvmParametersStr(spec, configuration)), arguments),
        Readiness.http(rest.resolve("/overview")));
    FlinkSessionCluster cluster = new FlinkSessionCluster(processes, configDirectory, configuration, rest, jobManager);
    try {
      jobManager.awaitReady(START_TIMEOUT);
      return cluster;
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Starts TaskManager {@code tm-N} (its resource id, as the REST API shows it); it is ready once it has registered
   * with the resource manager.
   */
  ManagedProcess startTaskManager() {
    String resourceId = "tm-" + (taskManagers.size() + 1);
    TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(configuration);
    List<String> arguments = new ArrayList<>(List.of("--configDir", configDirectory.toString(),
        "-D", "taskmanager.resource-id=" + resourceId));
    arguments.addAll(dynamicProperties(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
    List<String> options = new ArrayList<>(jvmOptions(ProcessMemoryUtils.generateJvmParametersStr(spec)));
    options.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.argus.avro");
    ManagedProcess taskManager = processes.start("flink-" + resourceId, processes.flink(TASK_MANAGER, options,
        arguments), Readiness.logLine("Successful registration at resource manager"));
    taskManagers.add(taskManager);
    return taskManager;
  }

  /** The TaskManager of a resource id ({@code tm-1}, ...). */
  ManagedProcess taskManager(String resourceId) {
    int index = Integer.parseInt(resourceId.substring(resourceId.indexOf('-') + 1)) - 1;
    return taskManagers.get(index);
  }

  List<ManagedProcess> taskManagers() {
    return List.copyOf(taskManagers);
  }

  ManagedProcess jobManager() {
    return jobManager;
  }

  URI rest() {
    return rest;
  }

  /**
   * Submits the job of {@code jobJar}'s {@code mainClass} with {@code programArguments}, as {@code flink run -d}
   * does: the job graph is made here by running the program's main method, and sent over REST with the jar.
   * The program's classes load parent-first here: this JVM already holds the same classes the jar carries (a
   * {@code flink} client, with only Flink on its classpath, loads them from the jar).
   */
  JobID submit(Path jobJar, String mainClass, List<String> programArguments, int parallelism) throws Exception {
    Configuration client = new Configuration(configuration);
    client.set(RestOptions.ADDRESS, rest.getHost());
    client.set(RestOptions.PORT, rest.getPort());
    client.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
    PackagedProgram program = PackagedProgram.newBuilder().setJarFile(jobJar.toFile()).setEntryPointClassName(mainClass)
        .setArguments(programArguments.toArray(String[]::new)).setConfiguration(client).build();
    JobGraph graph = PackagedProgramUtils.createJobGraph(program, client, parallelism, false);
    try (RestClusterClient<StandaloneClusterId> rest = new RestClusterClient<>(client,
        StandaloneClusterId.getInstance())) {
      return rest.submitJob(graph).get();
    } finally {
      program.close();
    }
  }

  /** Waits until the job and every one of its tasks run. */
  void awaitRunning(JobID job, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode details = get("/jobs/" + job);
      if ("RUNNING".equals(details.path("state").asText()) && allTasksRunning(details)) {
        return;
      }
      if (List.of("FAILED", "CANCELED", "FINISHED").contains(details.path("state").asText())) {
        throw new IllegalStateException("the feature job is " + details.path("state").asText() + newestFailure(job)
            + "; see " + jobManager.logFile());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the feature job did not run within " + timeout.toSeconds() + " s (state "
            + details.path("state").asText() + "); see " + jobManager.logFile());
      }
      Thread.sleep(200);
    }
  }

  /** {@code ": "} and the job's newest failure ({@link #newestFailure(JsonNode)}), or nothing if there is none. */
  private String newestFailure(JobID job) {
    try {
      String failure = newestFailure(get("/jobs/" + job + "/exceptions"));
      return failure.isEmpty() ? "" : ": " + failure;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * The newest failure of a job's {@code /exceptions} as one line: its deepest cause (the last "Caused by" of its
   * stack trace, else the trace's first line) and the task it failed in; empty when the job has none.
   */
  static String newestFailure(JsonNode exceptions) {
    JsonNode newest = exceptions.path("exceptionHistory").path("entries").path(0);
    if (newest.isMissingNode()) {
      return "";
    }
    List<String> trace = newest.path("stacktrace").asText("").lines().toList();
    String cause = trace.stream().filter(line -> line.startsWith(CAUSED_BY)).reduce((first, later) -> later)
        .map(line -> line.substring(CAUSED_BY.length()))
        .orElse(trace.isEmpty() ? newest.path("exceptionName").asText("") : trace.get(0));
    JsonNode task = newest.path("taskName");
    return task.isTextual() ? cause + " (in " + task.asText() + ")" : cause;
  }

  /** Whether the job and all its tasks run now. */
  boolean isRunning(JobID job) {
    try {
      JsonNode details = get("/jobs/" + job);
      return "RUNNING".equals(details.path("state").asText()) && allTasksRunning(details);
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean allTasksRunning(JsonNode details) {
    for (JsonNode vertex : details.path("vertices")) {
      JsonNode tasks = vertex.path("tasks");
      if (tasks.path("RUNNING").asInt() != vertex.path("parallelism").asInt()) {
        return false;
      }
    }
    return details.path("vertices").size() > 0;
  }

  /** How many of the job's subtasks run on each TaskManager, by resource id. */
  Map<String, Integer> subtasksByTaskManager(JobID job) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
      JsonNode placed = get("/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/taskmanagers");
      for (JsonNode taskManager : placed.path("taskmanagers")) {
        int subtasks = 0;
        for (JsonNode count : taskManager.path("status-counts")) {
          subtasks += count.asInt();
        }
        counts.merge(taskManager.path("taskmanager-id").asText(), subtasks, Integer::sum);
      }
    }
    return counts;
  }

  /**
   * Transactions the job's source has passed on to its keyed stages so far: the {@code write-records} of the vertex
   * that reads {@code transactions} ("admit transactions"), summed over its subtasks; 0 while the REST API does not
   * answer (the counter restarts with a restore).
   */
  long transactionsAdmitted(JobID job) {
    try {
      long written = 0;
      for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
        if (vertex.path("name").asText().contains("admit transactions")) {
          written += vertex.path("metrics").path("write-records").asLong();
        }
      }
      return written;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Completed checkpoints and restores of the job so far. */
  CheckpointCounts checkpoints(JobID job) throws Exception {
    JsonNode counts = get("/jobs/" + job + "/checkpoints").path("counts");
    return new CheckpointCounts(counts.path("completed").asInt(), counts.path("restored").asInt());
  }

  record CheckpointCounts(int completed, int restored) {
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " on the Flink REST API answered " + response.statusCode() + ": "
          + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Stops the TaskManagers, then the JobManager ({@code SIGTERM}, {@code SIGKILL} after 30 s). */
  @Override
  public void close() {
    try {
      for (ManagedProcess taskManager : taskManagers) {
        taskManager.stop(STOP_GRACE);
      }
      jobManager.stop(STOP_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code -Xmx... -Xms...} as Flink's process utilities write them, one option per element. */
  private static List<String> jvmOptions(String parameters) {
    List<String> options = new ArrayList<>(Arrays.asList(parameters.trim().split("\\s+")));
    options.add("-XX:+UseSerialGC");
    return options;
  }

  /** {@code -D key=value -D ...} as Flink's process utilities write them, as separate arguments. */
  static List<String> dynamicProperties(String text) {
    List<String> arguments = new ArrayList<>();
    String[] parts = text.trim().split("\\s+");
    for (int i = 0; i + 1 < parts.length; i += 2) {
      if (!parts[i].equals("-D")) {
        throw new IllegalArgumentException("unexpected dynamic property list from Flink: " + text);
      }
      arguments.add("-D");
      arguments.add(parts[i + 1]);
    }
    return arguments;
  }
}
