package io.argus.ingestion.validation;

import io.argus.avro.RejectReason;

/** A field that fails its check: the reason and a detail. Cheap to throw (no stack trace). */
final class FieldRejection extends RuntimeException {

  private final RejectReason reason;

  FieldRejection(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectReason reason() {
    return reason;
  }
}
