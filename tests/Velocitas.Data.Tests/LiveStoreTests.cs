using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;

namespace Velocitas.Data.Tests;

public class LiveStoreTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LiveBatch Points(params Equity[] points) => new([], new Dictionary<int, AccountState>(), new Dictionary<int, decimal>(), points);

    [Fact]
    public async Task Portfolio_equity_samples_are_saved_with_their_batch_and_come_back_oldest_first_after_a_restart()
    {
        await using var db = await TestDatabase.CreateAsync();
        try
        {
            var store = new LiveStore(db.Factory, db.Clock);
            await store.SaveAsync(Points(new Equity(T0, 20_000m), new Equity(T0.AddMinutes(1), 20_012.5m)), default);
            await store.SaveAsync(Points(new Equity(T0.AddMinutes(2), 19_990.1234567891m)), default);

            await using var reopened = await db.ReopenAsync();
            var back = await new LiveStore(reopened.Factory, reopened.Clock).LoadPortfolioEquityAsync(2, default);
            Assert.Equal([new Equity(T0.AddMinutes(1), 20_012.5m), new Equity(T0.AddMinutes(2), 19_990.1234567891m)], back);
        }
        finally
        {
            db.Delete();
        }
    }
}
