/** Build-time tools of the distribution: the man pages and completion script generated from the command model. */
package io.netpipe.dist;
