/** The {@code netpipe} command line: one picocli command per mode, converters, exit codes. */
package io.netpipe.cli;
