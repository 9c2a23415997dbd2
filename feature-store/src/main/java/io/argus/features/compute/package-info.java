/** Every fraud_v1 value, computed once: pure functions over per-entity histories, used online and offline. */
package io.argus.features.compute;
