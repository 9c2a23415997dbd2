/** One way to do each small thing every Argus module needs: durations, progress, latency percentiles, HTTP answers. */
package io.argus.common;
