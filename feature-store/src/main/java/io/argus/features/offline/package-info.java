/** The offline feature store (files for training) and the point-in-time dataset builder. */
package io.argus.features.offline;
