package io.argus.pipeline.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streaming job on a Flink MiniCluster of its own in this JVM ({@code argus features} live), submitted so that the
 * job can be watched while it runs: its execution graph gives the job's and every task's state, the checkpoint
 * statistics and the accumulators ({@link #graph()}), which the operations surface reports. On a Flink cluster the
 * cluster's own REST API and metric reporters do this.
 */
public final class LiveFeatureJob implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveFeatureJob.class);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  private final MiniCluster cluster;
  private final JobID jobId;
  private boolean closed;

  private LiveFeatureJob(MiniCluster cluster, JobID jobId) {
    this.cluster = cluster;
    this.jobId = jobId;
  }

  /**
   * Starts a MiniCluster with {@code config} and {@code parallelism} slots and submits the job built on {@code env}.
   */
  public static LiveFeatureJob start(StreamExecutionEnvironment env, Configuration config, int parallelism,
      String name) throws Exception {
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(config)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).withRandomPorts().build());
    cluster.start();
    try {
      StreamGraph graph = env.getStreamGraph();
      graph.setJobName(name);
      JobID jobId = cluster.submitJob(graph.getJobGraph(LiveFeatureJob.class.getClassLoader())).get().getJobID();
      LOG.info("Job '{}' {} submitted to a MiniCluster of {} slots", name, jobId, parallelism);
      return new LiveFeatureJob(cluster, jobId);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  public JobID jobId() {
    return jobId;
  }

  /** The job's execution graph as it is now: states, checkpoint statistics, accumulators. */
  public AccessExecutionGraph graph() throws Exception {
    return cluster.getExecutionGraph(jobId).get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until the job ends (it runs until cancelled, or fails); whether it ended without a failure. */
  public boolean awaitTermination() throws Exception {
    JobResult result = cluster.requestJobResult(jobId).get();
    result.getSerializedThrowable().ifPresent(failure -> LOG.error("Job {} failed: {}", jobId,
        failure.getOriginalErrorClassName() + ": " + failure.getMessage()));
    return result.isSuccess() || result.getApplicationStatus() == ApplicationStatus.CANCELED;
  }

  /** Cancels the job and stops the cluster. */
  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cluster.cancelJob(jobId).get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.debug("Job {} not cancelled (it may have ended): {}", jobId, e.getMessage());
    }
    cluster.close();
  }
}
