package io.netpipe.receiver;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.netpipe.agent.Agent;
import io.netpipe.agent.NanoClock;
import io.netpipe.protocol.AnnounceFrame;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.Phase;
import io.netpipe.transport.DatagramTransport;

/**
 * A receiver's duty cycle over its parts: take the datagrams waiting ({@link Inbound} verifies and dispatches them
 * to the {@link SessionFinder}, the {@link ReceiveSession} or back here), then the state's step: report
 * ({@link StatusReporter}), keep the sender in earshot ({@link SenderWatch}), confirm once the {@link StreamWriter}
 * has written everything and the digest matched. It never reports success for an incomplete or corrupt stream.
 * Tests drive {@link #doWork()}.
 */
public final class ReceiverAgent implements Agent
{
    private static final int BURST = 64;

    private enum State { WAITING, JOINING, MEMBER, VERIFIED, FINISHED }

    private final RecvConfig config;
    private final DatagramTransport transport;
    private final StreamWriter writer;
    private final NanoClock clock;
    private final SessionFinder finder;
    private final StatusReporter reporter;
    private final SenderWatch watch;
    private final ReceiverStats stats = new ReceiverStats();
    private final Inbound inbound;
    private State state = State.WAITING;
    private long admittedNs;
    private long nowNs;
    private boolean backlog;
    private volatile String abortReason;
    private RecvResult result;

    /**
     * @param config     the receiver's configuration.
     * @param transport  the socket bound to the data port.
     * @param writer     the writer of the output.
     * @param membership joins an announced multicast group.
     * @param clock      the clock.
     * @param listener   hears what happens.
     */
    public ReceiverAgent(final RecvConfig config, final DatagramTransport transport, final StreamWriter writer,
        final GroupMembership membership, final NanoClock clock, final ReceiverListener listener)
    {
        this.config = config;
        this.transport = transport;
        this.writer = writer;
        this.clock = clock;
        final ReceiverSealing sealing = new ReceiverSealing(config.sealing());
        final long nonce = config.newNonce();
        this.reporter = new StatusReporter(transport, sealing.initialSealer(), nonce);
        sealing.sealFor(reporter);
        this.watch = new SenderWatch(membership, config.senderSilenceNs());
        this.finder = new SessionFinder(config, sealing.trailerLength(), listener, writer, reporter, watch, nonce,
            clock.nanoTime());
        this.inbound = new Inbound(this, sealing, config.senderFilter(), finder, reporter, watch, stats);
    }

    @Override
    public String roleName()
    {
        return "netpipe-receiver";
    }

    @Override
    public boolean isDone()
    {
        return state == State.FINISHED;
    }

    /** @return how the receiver ended, once {@link #isDone()}. */
    public RecvResult result()
    {
        return result;
    }

    /** @return the counters (bad frames, duplicates, DATA beyond the window), for tests. */
    ReceiverStats stats()
    {
        return stats;
    }

    /** @return the end secret of the session joined, for tests (a fake sender proves its BYE with it). */
    EndSecret endSecret()
    {
        return reporter.endSecret();
    }

    /** @return how late a member's timers may fire ({@link FeedbackSchedule#timerSlackNs()}); -1 outside a session. */
    long memberTimerSlackNs()
    {
        return null == memberSession() ? -1 : reporter.schedule().timerSlackNs();
    }

    /** @return the latest snapshot, {@code null} before the first; safe from any thread. */
    public RecvSnapshot snapshot()
    {
        return stats.latest();
    }

    /** @param why asks the agent, from any thread, to give up and tell the sender why ("interrupted"). */
    public void requestAbort(final String why)
    {
        abortReason = why;
    }

    @Override
    public int doWork() throws IOException
    {
        if (state == State.FINISHED)
        {
            return 0;
        }
        nowNs = clock.nanoTime();
        inbound.at(nowNs);
        final int work = transport.receive(inbound, BURST);
        backlog = work == BURST;
        if (state == State.FINISHED)
        {
            return work;
        }
        if (null != abortReason)
        {
            fail(RecvResult.Outcome.INCOMPLETE, abortReason);
            return 1;
        }
        final int stepped = switch (state)
        {
            case WAITING -> waiting();
            case JOINING -> joining();
            case MEMBER, VERIFIED -> member();
            case FINISHED -> 0;
        };
        if (state != State.FINISHED && stats.isSnapshotDue(nowNs))
        {
            stats.publish(snapshotNow(), nowNs);
        }
        return work + stepped;
    }

    private int waiting()
    {
        if (finder.waitedTooLong(nowNs))
        {
            finish(RecvResult.Outcome.TIMEOUT, "no session found within " +
                RecvResult.seconds(config.waitTimeoutNs()) + stats.droppedNote());
        }
        return 0;
    }

    private int joining() throws IOException
    {
        final boolean join = finder.joinIfDue(nowNs, clock);
        // Before any data, a silent sender may only be starved of CPU by the crowd it is admitting: waited out as long
        // as a member waits before data, or a receiver admitted unawares gives up on a session that then starts.
        if (watch.check(backlog, nowNs, false))
        {
            inbound.abandon();
            state = State.WAITING;
        }
        return join ? 1 : 0;
    }

    private int member() throws IOException
    {
        final SessionEnd end = finder.session().checkEnd();
        switch (end)
        {
            case OUTPUT_FAILED, CORRUPT ->
            {
                fail(end == SessionEnd.CORRUPT ? RecvResult.Outcome.CORRUPT : RecvResult.Outcome.OUTPUT_FAILED,
                    finder.session().problem());
                return 1;
            }
            case VERIFIED ->
            {
                if (state == State.MEMBER)
                {
                    state = State.VERIFIED;
                    reporter.confirmDone(nowNs);
                    return 1;
                }
                // Whole and matched, but complete only with the sender's BYE: until then it may be contradicted.
                if (watch.silentNs(nowNs) > config.senderSilenceNs())
                {
                    finish(RecvResult.Outcome.INCOMPLETE, "the SHA-256 matched; the sender never confirmed the end");
                }
                return 0;
            }
            case PENDING -> { }
        }
        if (reporter.isDue(nowNs, watch.mayBeSilentNs(nowNs)))
        {
            reporter.sendStatus(0, nowNs);
        }
        if (watch.check(backlog, nowNs, finder.session().dataCame()))
        {
            finish(RecvResult.Outcome.INCOMPLETE, "the sender has been silent for " +
                RecvResult.seconds(watch.silentNs(nowNs)) + "; the stream is incomplete (" + writer.writtenBytes() +
                " bytes written)");
        }
        return 0;
    }

    /** @return the session while this receiver is a member (receiving, or verified and awaiting BYE), else null. */
    ReceiveSession memberSession()
    {
        return state == State.MEMBER || state == State.VERIFIED ? finder.session() : null;
    }

    void onAnnounce(final AnnounceFrame announce, final InetSocketAddress from, final int sessionId) throws IOException
    {
        switch (finder.onAnnounce(announce, from, sessionId, state != State.WAITING, nowNs))
        {
            case INVALID -> stats.badFrames++;
            case FOUND -> state = State.JOINING;
            case ADMITTED ->
            {
                state = State.MEMBER;
                admittedNs = nowNs;
                if (announce.phaseCode() != Phase.SEEK.code()) // listed seeking, its JOIN said all the sender needs
                {
                    reporter.confirm(nowNs);
                }
            }
            case LEFT_OUT -> state = State.WAITING;
            case CONFIRM ->
            {
                if (state == State.MEMBER)
                {
                    reporter.confirm(nowNs);
                }
            }
            case PENDING, IGNORED -> { }
        }
    }

    /** An EOF arrived that the session did not take: a verified receiver confirms DONE again. */
    void onEofAgain() throws IOException
    {
        if (state == State.VERIFIED)
        {
            reporter.confirmDone(nowNs);
        }
    }

    /** A BYE, judged by its token: one without is not the sender's, so it neither completes nor fails. */
    void onBye(final ByeFrame bye, final EndSecret.Verdict verdict)
    {
        if (state != State.MEMBER && state != State.VERIFIED)
        {
            return;
        }
        switch (verdict)
        {
            case COMPLETE -> finish(state == State.VERIFIED ? RecvResult.Outcome.COMPLETE :
                RecvResult.Outcome.INCOMPLETE, state == State.VERIFIED ? "" : EndSecret.EARLY);
            case ENDED -> finish(RecvResult.Outcome.INCOMPLETE, EndSecret.why(bye, state == State.VERIFIED));
            case FORGED -> stats.badFrames++;
            case NOT_OURS -> { }
        }
    }

    private void fail(final RecvResult.Outcome outcome, final String message) throws IOException
    {
        if (state == State.MEMBER || state == State.VERIFIED)
        {
            reporter.sendFailed(message, nowNs);
        }
        finish(outcome, message);
    }

    private void finish(final RecvResult.Outcome outcome, final String message)
    {
        if (outcome != RecvResult.Outcome.COMPLETE)
        {
            writer.stop();
        }
        state = State.FINISHED;
        stats.publish(snapshotNow(), nowNs);
        result = new RecvResult(outcome, message, writer.writtenBytes(), admittedNs == 0 ? 0 : nowNs - admittedNs,
            finder.sessionId(), watch.renewals(), watch.descheduledSilences(), writer.digestHex(),
            null == finder.session() ? 0 : finder.session().recovered());
    }

    private RecvSnapshot snapshotNow()
    {
        return stats.snapshot(finder, writer.writtenBytes(), admittedNs == 0 ? 0 : nowNs - admittedNs,
            watch.renewals());
    }
}
