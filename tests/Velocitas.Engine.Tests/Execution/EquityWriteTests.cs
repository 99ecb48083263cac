using Velocitas.Engine.Execution;

namespace Velocitas.Engine.Tests.Execution;

/// <summary>Writing a curve point field by field gives the point the constructor gives, scale and sign included.</summary>
public class EquityWriteTests
{
    [Theory]
    [InlineData("10000")]
    [InlineData("10000.00")]
    [InlineData("-0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("9876.543210987654321")]
    public void Equals_the_constructed_point(string text)
    {
        decimal value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var time = new DateTimeOffset(2021, 5, 1, 12, 34, 0, TimeSpan.Zero);
        var points = new Equity[3];
        points[1] = new Equity(DateTimeOffset.MaxValue, decimal.MinValue); // overwritten whole
        Equity.Write(ref points[1], time, value);

        Assert.Equal(new Equity(time, value), points[1]);
        Assert.Equal(decimal.GetBits(value), decimal.GetBits(points[1].Value)); // the scale too: 10000.00 stays 10000.00
        Assert.Equal(time.Offset, points[1].Time.Offset);
        Assert.Equal(default, points[0]); // the neighbours are untouched
        Assert.Equal(default, points[2]);
    }
}
