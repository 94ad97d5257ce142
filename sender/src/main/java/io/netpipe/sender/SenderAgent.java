package io.netpipe.sender;

import java.io.IOException;

import io.netpipe.agent.Agent;
import io.netpipe.agent.NanoClock;
import io.netpipe.protocol.ByeFrame;
import io.netpipe.protocol.SessionGeometry;
import io.netpipe.transport.DatagramTransport;

/**
 * The sender's duty cycle over its parts: read feedback ({@link FeedbackHandler}), then the phase's step, seek and
 * init ({@link Rendezvous}) or transfer ({@link Liveness}, {@link Transmitter}), then publish statistics
 * ({@link SenderStats}) and flush. The policies live in the parts: flow control ({@link FlowControl}), repairs
 * ({@link RetransmitPolicy}), the congestion signal ({@link CongestionEstimator}) and pacing ({@link RateController}).
 * No threads of its own; tests drive {@link #doWork()} with an injected clock.
 */
public final class SenderAgent implements Agent
{
    private static final int FEEDBACK_BURST = 1024;
    private static final int BYE_REPEATS = 3;

    private enum State
    {
        SEEK, INIT, TRANSFER, FINISHED
    }

    private final SendConfig config;
    private final StreamReader reader;
    private final DatagramTransport transport;
    private final NanoClock clock;
    private final SenderListener listener;
    private final int payloadCapacity;
    private final Roster roster;
    private final RetransmitWindow window;
    private final RateController rate;
    private final ControlFrames control;
    private final SenderStats stats = new SenderStats();
    private final Rendezvous rendezvous;
    private final Liveness liveness;
    private final Transmitter transmitter;
    private final FeedbackHandler feedback;
    private State state = State.SEEK;
    private long transferStartNs;
    private long endNs;
    private boolean feedbackBacklog;
    private volatile boolean abortRequested;
    private SendResult result;

    /**
     * @param config    the session.
     * @param pool      frames shared with the reader.
     * @param reader    the reader filling them.
     * @param transport the socket, bound to the feedback port.
     * @param clock     the clock.
     * @param listener  hears joins and losses.
     */
    public SenderAgent(final SendConfig config, final FramePool pool, final StreamReader reader,
        final DatagramTransport transport, final NanoClock clock, final SenderListener listener)
    {
        this.config = config;
        this.reader = reader;
        this.transport = transport;
        this.clock = clock;
        this.listener = listener;
        final SessionGeometry geometry = config.geometry();
        final long startNs = clock.nanoTime();
        this.payloadCapacity = geometry.payloadCapacity();
        this.roster = new Roster(geometry.maxRoster());
        this.window = new RetransmitWindow(pool.frameCount());
        this.rate = new RateController(config.rateCapBytesPerSec(), startNs);
        this.control = new ControlFrames(config, transport, config.sealing().newSealer());
        this.rendezvous = new Rendezvous(config, roster, control, listener, startNs);
        this.liveness = new Liveness(config.dropAfterNs(), config.expectedReceivers(), roster, control, listener,
            startNs);
        final FlowControl flow = new MinWindowFlowControl();
        final CongestionEstimator congestion = new CongestionEstimator();
        this.transmitter = new Transmitter(config, pool, reader, transport, window, flow, congestion, rate, control,
            stats);
        this.feedback = new FeedbackHandler(config, config.sealing().newVerifier(), roster, rendezvous, flow,
            congestion, transmitter, reader, control, listener, stats);
    }

    @Override
    public String roleName()
    {
        return "netpipe-sender";
    }

    @Override
    public boolean isDone()
    {
        return state == State.FINISHED;
    }

    /** @return how the session ended, once {@link #isDone()}. */
    public SendResult result()
    {
        return result;
    }

    /** @return the latest published snapshot, {@code null} before the first; safe from any thread. */
    public SenderSnapshot snapshot()
    {
        return stats.latest();
    }

    /** Asks the agent, from any thread, to end the session and tell the receivers. */
    public void requestAbort()
    {
        abortRequested = true;
    }

    /** @return datagrams received on the feedback port that were not valid for this session. */
    public long badFrames()
    {
        return stats.badFrames();
    }

    @Override
    public int doWork() throws IOException
    {
        if (state == State.FINISHED)
        {
            return 0;
        }
        final long nowNs = clock.nanoTime();
        int work = pollFeedback(nowNs);
        if (abortRequested)
        {
            finish(SendResult.Outcome.ABORTED, "interrupted", nowNs);
            return 1;
        }
        work += switch (state)
        {
            case SEEK -> seek(nowNs);
            case INIT -> init(nowNs);
            case TRANSFER -> transfer(nowNs);
            case FINISHED -> 0;
        };
        if (state != State.FINISHED && stats.isSnapshotDue(nowNs))
        {
            publish(nowNs);
        }
        transport.flush();
        return work;
    }

    private int pollFeedback(final long nowNs) throws IOException
    {
        feedback.at(state == State.SEEK, state == State.TRANSFER, nowNs);
        final int count = transport.receive(feedback, FEEDBACK_BURST);
        stats.feedbackFrames(count);
        feedbackBacklog = count == FEEDBACK_BURST;
        return count;
    }

    private int seek(final long nowNs) throws IOException
    {
        switch (rendezvous.seek(nowNs))
        {
            case START ->
            {
                state = State.INIT;
                return 1;
            }
            case TIMED_OUT -> finish(SendResult.Outcome.TIMEOUT, rendezvous.timeoutMessage(), nowNs);
            case WAIT ->
            {
            }
        }
        return 0;
    }

    private int init(final long nowNs) throws IOException
    {
        liveness.dropSilent(feedbackBacklog, transmitter.sentCount(), nowNs);
        if (!rendezvous.init(nowNs))
        {
            return 0;
        }
        state = State.TRANSFER;
        transferStartNs = nowNs;
        transmitter.start(nowNs);
        listener.transferStarted(roster.view());
        return 1;
    }

    private int transfer(final long nowNs) throws IOException
    {
        liveness.dropSilent(feedbackBacklog, transmitter.sentCount(), nowNs);
        if (null != reader.failure())
        {
            finish(SendResult.Outcome.INPUT_FAILED, "reading the input failed: " + reader.failure().getMessage(), nowNs);
            return 1;
        }
        final int work = transmitter.transmit(roster, nowNs);
        rendezvous.transfer(nowNs);
        if (roster.liveCount() == 0)
        {
            final int done = roster.count(ReceiverState.State.DONE);
            if (done == roster.size())
            {
                finish(SendResult.Outcome.COMPLETE, "", nowNs);
            }
            else
            {
                finish(SendResult.Outcome.RECEIVERS_LOST, (done == 0 ? "all receivers lost" :
                    (roster.size() - done) + " of " + roster.size() + " receivers lost") + roster.lostReasons(), nowNs);
            }
        }
        return work;
    }

    private void finish(final SendResult.Outcome outcome, final String message, final long nowNs) throws IOException
    {
        final boolean complete = outcome == SendResult.Outcome.COMPLETE || outcome == SendResult.Outcome.RECEIVERS_LOST;
        for (int i = 0; i < BYE_REPEATS; i++)
        {
            control.byeAll(complete ? ByeFrame.REASON_COMPLETE : ByeFrame.REASON_ABORTED, roster,
                complete ? "complete" : "the sender stopped: " + message);
        }
        endNs = nowNs;
        state = State.FINISHED;
        final byte[] digest = reader.isEof() ? reader.digest() : null;
        result = new SendResult(outcome, message, publish(nowNs).progress(), roster.view(),
            rendezvous.strangers().rows(), null == digest ? "" : java.util.HexFormat.of().formatHex(digest));
    }

    private SenderSnapshot publish(final long nowNs)
    {
        final long end = state == State.FINISHED ? endNs : nowNs;
        final long bytesSent = transmitter.allSent() ? reader.byteCount() : window.next() * payloadCapacity;
        return stats.publish(nowNs, transferStartNs == 0 ? 0 : end - transferStartNs, bytesSent, payloadCapacity,
            rate.rateBytesPerSec(), roster);
    }
}
