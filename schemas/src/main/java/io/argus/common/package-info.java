/** Small pieces every Argus module shares: progress reporting for long work. */
package io.argus.common;
