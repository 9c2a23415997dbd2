package io.argus.pipeline.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The collections of this JVM while it is open, each as {start, end} in microseconds since the epoch (from the JVM's
 * notifications, whole milliseconds). Where the roles run in this JVM, every one of them stops for these pauses; where
 * they run elsewhere, only the benchmark's own readers and producer do.
 */
final class GcPauses implements AutoCloseable {

  private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
  private final List<long[]> pauses = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;

  GcPauses() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  private void onNotification(Notification notification, Object handback) {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
      long[] pause = {(jvmStartMillis + gc.getStartTime()) * 1_000, (jvmStartMillis + gc.getEndTime()) * 1_000};
      synchronized (pauses) {
        pauses.add(pause);
      }
    }
  }

  /** The pauses so far, by start. */
  List<long[]> pauses() {
    synchronized (pauses) {
      List<long[]> copy = new ArrayList<>(pauses);
      copy.sort(Comparator.comparingLong(pause -> pause[0]));
      return copy;
    }
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // never added to this one
      }
    }
  }
}
