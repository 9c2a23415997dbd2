/** Headless Chromium over the DevTools protocol, for the browser tests. */
package io.argus.pipeline.browser;
