package io.argus.scorer.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Counts the garbage collector's stop-the-world pauses while open, from the JVM's GC notifications: how many, their
 * total and the longest. Concurrent cycles (ZGC's, G1's concurrent marking) are not pauses and are left out.
 */
final class GcPauses implements AutoCloseable {

  private final AtomicLong count = new AtomicLong();
  private final AtomicLong totalMillis = new AtomicLong();
  private final AtomicLong longestMillis = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    if (isPause(info.getGcName())) {
      long millis = info.getGcInfo().getDuration();
      count.incrementAndGet();
      totalMillis.addAndGet(millis);
      longestMillis.accumulateAndGet(millis, Math::max);
    }
  };

  GcPauses() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** The collectors of this JVM, for example {@code G1 Young Generation, G1 Old Generation}. */
  static String collectors() {
    return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).toList());
  }

  long count() {
    return count.get();
  }

  long totalMillis() {
    return totalMillis.get();
  }

  long longestMillis() {
    return longestMillis.get();
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
