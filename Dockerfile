# The argus image: one jar for every role (validate, score, train, forecast, dashboard, ...). The shaded feature-job
# jar goes to the Flink cluster instead (the compose file's feature-job service mounts and submits it).
# Build the jars first (on the host, or in CI):
#   mvn -B -DskipTests package -Pfeature-job-jar
# then: docker compose build
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 argus && mkdir -p /data && chown argus /data
COPY pipeline/target/argus.jar /opt/argus/argus.jar
COPY pipeline/target/lib/ /opt/argus/lib/
ENV OMP_NUM_THREADS=1
USER argus
WORKDIR /data
ENTRYPOINT ["java", "-Xmn256m", "-XX:+UseParallelGC", "-XX:MetaspaceSize=256m", "-XX:MaxRAMPercentage=75", "-jar", "/opt/argus/argus.jar"]
