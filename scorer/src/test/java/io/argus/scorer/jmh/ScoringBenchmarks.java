package io.argus.scorer.jmh;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudScore;
import io.argus.avro.Timings;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import io.argus.schemas.AvroCodec;
import io.argus.scorer.bench.SyntheticFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring step on one thread: one transaction at a time, in batches of {@value #BATCH}, and the whole per-record
 * work of the stream thread without Kafka (decode the vector, score, build and encode the score), to weigh the model
 * against the serialization around it.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ScoringBenchmarks {

  static final int BATCH = 32;
  private static final int INPUTS = 1024;
  private static final AvroCodec<FeatureVector> VECTORS = AvroCodec.of(FeatureVector.class);
  private static final AvroCodec<FraudScore> SCORES = AvroCodec.of(FraudScore.class);

  @Param({"lstm", "transformer", "mlp"})
  public String family;

  private FraudModel model;
  private List<ModelInput> inputs;
  private List<List<ModelInput>> batches;
  private byte[][] encodedVectors;
  private int next;

  @Setup
  public void setUp() throws Exception {
    model = BenchmarkModels.of(family).loaded().model().copy();
    inputs = SyntheticFeatures.sample(INPUTS, 3);
    batches = new ArrayList<>();
    for (int start = 0; start + BATCH <= INPUTS; start += BATCH) {
      batches.add(inputs.subList(start, start + BATCH));
    }
    encodedVectors = new byte[INPUTS][];
    for (int i = 0; i < INPUTS; i++) {
      encodedVectors[i] = VECTORS.encode(SyntheticFeatures.vector("t-" + i, "card-" + i, inputs.get(i),
          Instant.now()));
    }
  }

  @Benchmark
  public double scoreOne() {
    return model.score(inputs.get(next++ & (INPUTS - 1)));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] scoreBatch() {
    return model.score(batches.get(next++ % batches.size()));
  }

  @Benchmark
  public byte[] decodeScoreEncode() {
    FeatureVector vector = VECTORS.decode(encodedVectors[next++ & (INPUTS - 1)]);
    double score = model.score(ModelInput.of(vector));
    return SCORES.encode(FraudScore.newBuilder()
        .setTransactionId(vector.getTransactionId())
        .setCardToken(vector.getCardToken())
        .setEventTime(vector.getEventTime())
        .setScore(score)
        .setDecision(io.argus.avro.Decision.APPROVE)
        .setModelName(family)
        .setModelVersion("jmh")
        .setBaseValue(null)
        .setContributions(List.of())
        .setTimings(new Timings(0L, 0L, 0L, 0L))
        .setScoredAt(Instant.now())
        .build());
  }
}
