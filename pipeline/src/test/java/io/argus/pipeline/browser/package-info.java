/** Headless Chromium over the DevTools protocol for the browser tests, and whether they may skip without it. */
package io.argus.pipeline.browser;
