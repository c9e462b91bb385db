package io.mountsim.reports;

import io.mountsim.reports.text.Numbers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumbersTest {

    @Test
    void csvIsPlainDecimalWithSixSignificantDigitsButEveryIntegerDigit() {
        assertEquals("0.00001", Numbers.csv(1e-5));
        assertEquals("0.3", Numbers.csv(0.1 + 0.2));
        assertEquals("123456789", Numbers.csv(123456789.123));
        assertEquals("1234.57", Numbers.csv(1234.5678));
        assertEquals("-2.5", Numbers.csv(-2.5));
        assertEquals("0", Numbers.csv(-0.0));
        assertEquals("", Numbers.csv(Double.NaN));
        assertEquals("", Numbers.csv(Double.POSITIVE_INFINITY));
        assertEquals("100000000000000000000", Numbers.csv(1e20));
    }

    @Test
    void jsonRoundTripsExactlyAndHasNoNan() {
        for (double v : new double[]{0.1, 1.0 / 3, 1e-300, 1e300, 12345.678, -7.25, Math.PI}) {
            assertEquals(v, Double.parseDouble(Numbers.json(v)), String.valueOf(v));
        }
        assertEquals("42", Numbers.json(42.0));
        assertEquals("0", Numbers.json(-0.0));
        assertEquals("null", Numbers.json(Double.NaN));
        assertEquals("null", Numbers.json(Double.NEGATIVE_INFINITY));
    }

    @Test
    void peopleReadDurationsPercentagesAndChanges() {
        assertEquals("41 s", Numbers.durationMs(41_000));
        assertEquals("800 ms", Numbers.durationMs(800));
        assertEquals("3.5 min", Numbers.durationMs(210_000));
        assertEquals("9%", Numbers.percent(0.09));
        assertEquals("12%", Numbers.percent(0.1234));
        assertEquals("<0.1%", Numbers.percent(0.0004));
        assertEquals("3.8%", Numbers.percent(0.0375));
        assertEquals("4%", Numbers.percent(0.04));
        assertEquals("-98%", Numbers.change(800, 41_000));
        assertEquals("+50%", Numbers.change(3, 2));
        assertEquals("±0%", Numbers.change(2, 2));
        assertEquals("n/a", Numbers.change(1, 0));
    }
}
