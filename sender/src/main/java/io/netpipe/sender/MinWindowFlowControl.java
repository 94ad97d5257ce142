package io.netpipe.sender;

/**
 * The strictest flow control: never past the smallest window end of any live receiver, and keep every frame until
 * each receiver still live or done holds it. A slow receiver slows the group rather than being dropped; only
 * silence drops it.
 */
final class MinWindowFlowControl implements FlowControl
{
    @Override
    public void onStatus(final ReceiverState r, final long windowEnd)
    {
        // Reports can arrive out of order: a window never shrinks.
        r.windowEnd = Math.max(r.windowEnd, windowEnd);
    }

    @Override
    public long sendLimit(final Roster roster)
    {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < roster.size(); i++)
        {
            final ReceiverState r = roster.get(i);
            if (r.isLive())
            {
                min = Math.min(min, r.windowEnd);
            }
        }
        return min;
    }

    @Override
    public long releasePoint(final Roster roster, final long next)
    {
        return roster.minContiguous(next);
    }
}
