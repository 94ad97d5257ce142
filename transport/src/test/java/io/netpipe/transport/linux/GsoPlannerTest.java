package io.netpipe.transport.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class GsoPlannerTest
{
    private final GsoPlanner planner = new GsoPlanner(1024);

    /** @return each message as "first+count@segment". */
    private List<String> plan(final int[] destination, final int[] length, final boolean gso)
    {
        final int messages = planner.plan(destination, length, 0, length.length, gso);
        final List<String> out = new ArrayList<>();
        for (int m = 0; m < messages; m++)
        {
            out.add(planner.first(m) + "+" + planner.count(m) + "@" + planner.segment(m));
        }
        return out;
    }

    private static int[] repeat(final int value, final int times)
    {
        final int[] out = new int[times];
        java.util.Arrays.fill(out, value);
        return out;
    }

    @Test
    void shouldSendEqualDatagramsToOneDestinationAsOneMessage()
    {
        assertEquals(List.of("0+10@1400"), plan(repeat(0, 10), repeat(1400, 10), true));
    }

    @Test
    void shouldLetOnlyTheLastDatagramOfARunBeShorter()
    {
        assertEquals(List.of("0+3@1400", "3+2@1400"),
            plan(repeat(0, 5), new int[] {1400, 1400, 700, 1400, 1400}, true));
    }

    @Test
    void shouldStartANewRunAtALongerDatagram()
    {
        assertEquals(List.of("0+2@100", "2+2@1400"), plan(repeat(0, 4), new int[] {100, 100, 1400, 1400}, true));
    }

    @Test
    void shouldStartANewRunAtAnotherDestination()
    {
        assertEquals(List.of("0+2@1000", "2+1@0", "3+1@0"),
            plan(new int[] {0, 0, 1, 0}, repeat(1000, 4), true));
    }

    @Test
    void shouldCapARunAt64Segments()
    {
        assertEquals(List.of("0+64@500", "64+36@500"), plan(repeat(0, 100), repeat(500, 100), true));
    }

    @Test
    void shouldCapARunAt65507BytesOfPayload()
    {
        // 46 x 1400 = 64400 fits, a 47th would not.
        assertEquals(List.of("0+46@1400", "46+4@1400"), plan(repeat(0, 50), repeat(1400, 50), true));
    }

    @Test
    void shouldSendASingleDatagramWithoutTheCmsg()
    {
        assertEquals(List.of("0+1@0", "1+1@0"), plan(repeat(0, 2), new int[] {65_507, 1}, true));
    }

    @Test
    void shouldNotPutAnEmptyDatagramInARun()
    {
        assertEquals(List.of("0+2@100", "2+1@0"), plan(repeat(0, 3), new int[] {100, 100, 0}, true));
    }

    @Test
    void shouldSendEveryDatagramAloneWithoutGso()
    {
        assertEquals(List.of("0+1@0", "1+1@0", "2+1@0"), plan(repeat(0, 3), repeat(1400, 3), false));
    }

    @Test
    void shouldPlanFromTheGivenDatagramOn()
    {
        final int messages = planner.plan(repeat(0, 6), repeat(1400, 6), 4, 6, true);

        assertEquals(1, messages);
        assertEquals(4, planner.first(0));
        assertEquals(2, planner.count(0));
    }
}
