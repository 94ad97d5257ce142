/** The JSON documents {@code send --report} and {@code recv --report} write, and the writer they use. */
package io.netpipe.cli.report;
