package io.argus.common;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collector's stop-the-world pauses while open, from the JVM's GC notifications: how many, their total
 * and the longest, and when each was (epoch microseconds, from the notifications' whole milliseconds). Concurrent
 * cycles (ZGC's, G1's concurrent marking) are not pauses and are left out.
 */
public final class GcPauses implements AutoCloseable {

  private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
  private final List<long[]> pauses = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    if (isPause(info.getGcName())) {
      GcInfo gc = info.getGcInfo();
      long[] pause = {(jvmStartMillis + gc.getStartTime()) * 1_000, (jvmStartMillis + gc.getEndTime()) * 1_000};
      synchronized (pauses) {
        pauses.add(pause);
      }
    }
  };

  /** Starts listening to every collector of this JVM. */
  public GcPauses() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** The collectors of this JVM, for example {@code G1 Young Generation, G1 Old Generation}. */
  public static String collectors() {
    return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).toList());
  }

  /** The pauses so far, each {start, end} in epoch microseconds, by start. */
  public List<long[]> pauses() {
    synchronized (pauses) {
      List<long[]> copy = new ArrayList<>(pauses);
      copy.sort(Comparator.comparingLong(pause -> pause[0]));
      return copy;
    }
  }

  public long count() {
    synchronized (pauses) {
      return pauses.size();
    }
  }

  public long totalMillis() {
    return pauses().stream().mapToLong(GcPauses::millis).sum();
  }

  public long longestMillis() {
    return pauses().stream().mapToLong(GcPauses::millis).max().orElse(0);
  }

  private static long millis(long[] pause) {
    return (pause[1] - pause[0]) / 1_000;
  }

  private static boolean isPause(String collector) {
    return !collector.contains("Cycles") && !collector.contains("Concurrent");
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // already gone: nothing to undo
      }
    }
  }
}
