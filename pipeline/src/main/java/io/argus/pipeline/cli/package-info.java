/** The {@code argus} command line: one picocli command per subcommand. */
package io.argus.pipeline.cli;
