using Velocitas.Data.Storage;
using Velocitas.Engine.Execution;
using Velocitas.Engine.Live;
using Velocitas.Engine.Strategies;
using Velocitas.Web.Api.Contracts;
using Velocitas.Web.Services;
using Velocitas.Web.Services.Live;

namespace Velocitas.Web.Api;

/// <summary>The original service's live routes: engine start/stop/status, strategy instances, metrics, trades, P&amp;L.</summary>
public static class LiveApi
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var engineApi = app.MapGroup("/api/engine").WithTags("Live engine");
        engineApi.MapPost("/start", StartAsync)
            .WithSummary("Start the live engine on a feed: data_source = synthetic | csv | binance | coingecko; coins=BTC,ETH; dataset_ids=1,2 (csv); speed (csv: 1 = real time, 0 = max); tick_rate (synthetic); seed; interval.");
        engineApi.MapGet("/start-plan", PlanAsync)
            .WithSummary("What POST /api/engine/start with the same query would do, without starting: the feed's market per coin and the open positions a feed of another market closes first, at their own market's last price (exit reason market-changed).");
        engineApi.MapPost("/stop", async (LiveEngine engine, CancellationToken ct) =>
        {
            await engine.StopAsync(ct);
            return OriginalJson.Ok(Status(engine.Snapshot));
        }).WithSummary("Stop the engine: the feed stops, every instance finishes what it received, everything is saved.");
        engineApi.MapGet("/status", (LiveEngine engine) => OriginalJson.Ok(Status(engine.Snapshot))).WithSummary("Engine state, feed status and pipeline figures.");

        var strategies = app.MapGroup("/api/strategies").WithTags("Live strategies");
        strategies.MapGet("/", (LiveEngine engine) => OriginalJson.Ok(engine.Snapshot.Instances.Select(Instance)))
            .WithSummary("Running strategy instances.");
        strategies.MapPost("/register", RegisterAsync)
            .WithSummary("Add a strategy instance: {\"strategy_name\": \"SMA_Crossover\", \"coin\": \"BTC\", \"params\": {\"fast_period\": 5, \"slow_period\": 20}} (camelCase accepted; optional initial_cash, fee, slippage_bps, lot_step, stop_loss_pct, take_profit_pct, trailing_stop_pct, label, watch_only, exchange). On an exchange (the running exchange feed's, or 'exchange'), the coin must be one the exchange lists and the lot step is its market's.");
        strategies.MapPost("/unregister", UnregisterAsync).WithSummary("Remove an instance: {\"strategy_id\": 3}. Its trades stay in history.");
        strategies.MapDelete("/{id:int}", async (int id, LiveEngine engine, CancellationToken ct) =>
            await engine.RemoveInstanceAsync(id, ct) ? Results.NoContent() : ApiProblems.NotFound($"Strategy instance #{id} does not exist."))
            .WithSummary("Remove an instance.");
        strategies.MapPost("/{id:int}/pause", async (int id, LiveEngine engine, CancellationToken ct) =>
            await engine.SetPausedAsync(id, true, ct) ? OriginalJson.Ok(Instance(engine.GetInstance(id)!)) : ApiProblems.NotFound($"Strategy instance #{id} does not exist."))
            .WithSummary("Pause an instance (it keeps its position and stops trading).");
        strategies.MapPost("/{id:int}/resume", async (int id, LiveEngine engine, CancellationToken ct) =>
            await engine.SetPausedAsync(id, false, ct) ? OriginalJson.Ok(Instance(engine.GetInstance(id)!)) : ApiProblems.NotFound($"Strategy instance #{id} does not exist."))
            .WithSummary("Resume a paused instance.");
        strategies.MapPost("/{id:int}/close", async (int id, LiveEngine engine) =>
            await engine.ClosePositionAsync(id) ? OriginalJson.Ok(Instance(engine.GetInstance(id)!)) : ApiProblems.NotFound($"Strategy instance #{id} does not exist."))
            .WithSummary("Close an instance's open position at the last price.");

        var metrics = app.MapGroup("/api").WithTags("Live metrics");
        metrics.MapGet("/metrics", (LiveEngine engine) =>
        {
            var s = engine.Snapshot;
            return OriginalJson.Ok(new { global_metrics = Global(s), strategies = s.Instances.Select(Instance) });
        }).WithSummary("Overall metrics and per-strategy-instance metrics.");
        metrics.MapGet("/metrics/{instanceId:int}", (int instanceId, LiveEngine engine) =>
            engine.GetInstance(instanceId) is { } i ? OriginalJson.Ok(Instance(i)) : ApiProblems.NotFound($"Strategy instance #{instanceId} does not exist."))
            .WithSummary("Metrics of one instance.");
        metrics.MapGet("/trades", async (TradePageQuery q, LiveStore store, CancellationToken ct) =>
            OriginalJson.Ok(Page(await store.TradesAsync(null, q.Page, q.PageSize, ct))))
            .WithSummary("All live trades, newest first (page, page_size up to 1000).");
        metrics.MapGet("/trades/{instanceId:int}", async (int instanceId, TradePageQuery q, LiveStore store, LiveEngine engine, CancellationToken ct) =>
        {
            var page = await store.TradesAsync(instanceId, q.Page, q.PageSize, ct);
            // a removed instance keeps its trades; an id that never traded and does not exist is a mistake worth saying
            return page.Total == 0 && engine.GetInstance(instanceId) is null
                ? ApiProblems.NotFound($"Strategy instance #{instanceId} does not exist and has no stored trades (see GET /api/strategies).")
                : OriginalJson.Ok(Page(page));
        }).WithSummary("Trades of one instance (running or removed), newest first.");
        metrics.MapGet("/pnl", (LiveEngine engine) =>
        {
            var s = engine.Snapshot;
            return OriginalJson.Ok(new { by_coin = s.ByCoin.Select(Line), by_strategy = s.ByStrategy.Select(Line), by_instance = s.Instances.Select(i => Line(PnlLine.Of($"#{i.Id}", i))), overall = Line(s.Overall) });
        }).WithSummary("P&L per coin, per strategy, per instance and overall (realised, unrealised, fees, equity, trades, win rate, drawdown).");
        return app;
    }

    private static FeedRequest ToFeedRequest(EngineStartQuery q) => new()
    {
        Source = q.DataSource ?? "synthetic",
        Coins = q.Coins,
        DatasetIds = q.DatasetIds,
        Speed = q.Speed,
        TicksPerSecond = q.TickRate,
        Seed = q.Seed,
        Interval = q.Interval,
    };

    private static async Task<IResult> StartAsync(EngineStartQuery q, LiveEngine engine, FeedLauncher launcher, CancellationToken ct)
    {
        try
        {
            var plan = await launcher.StartAsync(ToFeedRequest(q), ct);
            return OriginalJson.Ok(Status(engine.PublishSnapshot(), plan.Closes));
        }
        catch (FeedStartException ex)
        {
            return FeedProblem(ex);
        }
    }

    private static async Task<IResult> PlanAsync(EngineStartQuery q, FeedLauncher launcher, CancellationToken ct)
    {
        try
        {
            var plan = await launcher.PlanAsync(ToFeedRequest(q), ct);
            return OriginalJson.Ok(new
            {
                data_source = plan.Feed.Name,
                coins = plan.Feed.Symbols,
                markets = plan.Feed.Symbols.ToDictionary(s => s, plan.Feed.MarketOf),
                closes_positions = plan.Closes.Select(Switch),
            });
        }
        catch (FeedStartException ex)
        {
            return FeedProblem(ex);
        }
    }

    private static IResult FeedProblem(FeedStartException ex) => ex.Error switch
    {
        FeedStartError.BadRequest => ApiProblems.Field("data_source", ex.Message),
        FeedStartError.Unavailable => Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The market data service is unavailable", detail: ex.Message),
        _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already running", detail: ex.Message),
    };

    private static object Switch(MarketSwitch s) => new
    {
        strategy_id = s.InstanceId,
        coin = s.Symbol,
        quantity = s.Quantity,
        price = s.Price,
        from_market = s.FromMarket,
        to_market = s.ToMarket,
        description = s.Describe(),
    };

    private static async Task<IResult> RegisterAsync(RegisterInstanceRequest body, LiveEngine engine, InstanceMarkets markets, CancellationToken ct)
    {
        string strategyName = body.StrategyName!;
        if (!StrategyCatalog.TryGet(strategyName, out var definition))
            return ApiProblems.Field("strategy_name", $"Unknown strategy '{strategyName}'. Available: {string.Join(", ", StrategyCatalog.All.Select(s => s.Id))} (or {string.Join(", ", StrategyCatalog.All.Where(s => s.LegacyName is not null).Select(s => s.LegacyName))}).");
        string coin = body.Coin!;
        var parameters = (body.Params ?? []).Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();
        var settings = body.Over(new InstanceSpec { StrategyId = definition.Id, Symbol = coin }.Settings) with
        {
            StopLossPct = body.StopLossPct,
            TakeProfitPct = body.TakeProfitPct,
            TrailingStopPct = body.TrailingStopPct,
        };
        if (settings.Problems() is { Count: > 0 } problems)
            return Results.ValidationProblem(problems.ToDictionary(x => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(x.Field), x => new[] { x.Message }));
        var spec = new InstanceSpec
        {
            StrategyId = definition.Id,
            Symbol = coin,
            Parameters = ParameterAliases.Normalize(definition, parameters),
            Settings = settings,
            Label = body.Label,
            WatchOnly = body.WatchOnly ?? false,
        };
        try
        {
            spec = await markets.ApplyAsync(spec, markets.ExchangeFor(body.Exchange), body.LotStep is not null, ct);
        }
        catch (FeedException ex)
        {
            return ApiProblems.Field(ex.Message.StartsWith("Unknown exchange", StringComparison.Ordinal) || ex.Message.StartsWith("The engine runs on", StringComparison.Ordinal) ? "exchange" : "coin", ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Field("lot_step", ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or RateLimitedException)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The exchange could not be reached to check the coin", detail: ex.Message);
        }
        try
        {
            var instance = await engine.AddInstanceAsync(spec, ct);
            return Results.Json(new { strategy_id = instance.Id, status = "registered", strategy = Instance(instance) }, OriginalJson.Options, statusCode: StatusCodes.Status201Created);
        }
        catch (StrategyParameterException ex)
        {
            return ApiProblems.Parameters(ex);
        }
        catch (FormatException ex)
        {
            return ApiProblems.Field("coin", ex.Message);
        }
        catch (Velocitas.Strategies.Hosting.StrategyFaultException ex)
        {
            return ApiProblems.Field("strategy_name", $"{definition.Name}'s code failed as it started, so no instance was added: {ex.Message}");
        }
    }

    private static async Task<IResult> UnregisterAsync(UnregisterInstanceRequest body, LiveEngine engine, CancellationToken ct)
    {
        int instanceId = body.InstanceId!.Value;
        return await engine.RemoveInstanceAsync(instanceId, ct)
            ? OriginalJson.Ok(new { strategy_id = instanceId, status = "unregistered" })
            : ApiProblems.NotFound($"Strategy instance #{instanceId} does not exist.");
    }

    private static object Status(EngineSnapshot s) => Status(s, []);

    /// <summary>The engine's status; after a start, also the positions it closed first (a feed of another market).</summary>
    private static object Status(EngineSnapshot s, IReadOnlyList<MarketSwitch> closed) => new
    {
        status = s.State.ToString().ToLowerInvariant(),
        is_running = s.State == EngineState.Running,
        data_source = s.Feed?.Name,
        feed = s.Feed,
        coins = s.Feed?.Symbols ?? [],
        strategies = s.Instances.Count,
        pipeline = s.Pipeline,
        time = s.Time,
        market_time = s.MarketTime,
        closed_positions = closed.Select(Switch),
    };

    private static object Global(EngineSnapshot s) => new
    {
        status = s.State.ToString().ToLowerInvariant(),
        data_source = s.Feed?.Name,
        total_pnl = s.Overall.TotalPnl,
        realized_pnl = s.Overall.Realized,
        unrealized_pnl = s.Overall.Unrealized,
        fees = s.Overall.Fees,
        equity = s.Overall.Equity,
        initial_cash = s.Overall.InitialCash,
        return_pct = s.Overall.ReturnPct,
        total_trades = s.Overall.Trades,
        win_rate = s.Overall.WinRatePct,
        max_drawdown_pct = s.Overall.MaxDrawdownPct,
        active_strategies = s.Instances.Count,
        prices = s.LastPrices,
        pipeline = s.Pipeline,
        time = s.Time,
    };

    /// <summary>An instance in the original service's shape.</summary>
    public static object Instance(InstanceSnapshot i) => new
    {
        strategy_id = i.Id,
        strategy = i.StrategyId,
        strategy_name = i.StrategyName,
        coin = i.Symbol,
        @params = i.Parameters,
        label = i.Label,
        market = i.Market,
        paused = i.Paused,
        watch_only = i.WatchOnly,
        lot_step = i.LotStep,
        market_rules = i.MarketRules is { } m ? new { exchange = m.Exchange, symbol = m.NativeId, tick_size = m.TickSize, lot_size = m.LotSize } : null,
        initial_cash = i.InitialCash,
        cash = i.Cash,
        position = i.Quantity,
        avg_entry_price = i.AverageEntryPrice,
        last_price = i.LastPrice,
        realized_pnl = i.RealizedPnl,
        unrealized_pnl = i.UnrealizedPnl,
        total_pnl = i.RealizedPnl + i.UnrealizedPnl,
        fees = i.Fees,
        equity = i.Equity,
        total_trades = i.Trades,
        winning_trades = i.Wins,
        win_rate = i.WinRatePct,
        max_drawdown_pct = i.MaxDrawdownPct,
        current_drawdown_pct = i.CurrentDrawdownPct,
        last_signal = i.LastSignal,
        pending_order = i.PendingOrder,
        candles = i.Candles,
        events = i.Events,
        conflated_ticks = i.ConflatedTicks,
        warm = i.IsWarm,
        skipped_candles = i.SkippedCandles,
        note = i.Note,
        log = i.Log.Select(l => new { time = l.Time, message = l.Message }),
    };

    private static object Line(PnlLine l) => new
    {
        key = l.Key,
        instances = l.Instances,
        initial_cash = l.InitialCash,
        realized_pnl = l.Realized,
        unrealized_pnl = l.Unrealized,
        total_pnl = l.TotalPnl,
        fees = l.Fees,
        equity = l.Equity,
        return_pct = l.ReturnPct,
        trades = l.Trades,
        win_rate = l.WinRatePct,
        // the group's own combined equity, measured like a fund (adding or removing an instance is not a gain or loss)
        max_drawdown_pct = l.MaxDrawdownPct,
        current_drawdown_pct = l.CurrentDrawdownPct,
        closed_instances = l.ClosedInstances,
    };

    /// <summary>A trade in the original service's shape.</summary>
    public static object Trade(LiveTrade t) => new
    {
        strategy_id = t.InstanceId,
        strategy = t.StrategyId,
        coin = t.Symbol,
        entry_time = t.Trade.EntryTime,
        exit_time = t.Trade.ExitTime,
        quantity = t.Trade.Quantity,
        entry_price = t.Trade.EntryPrice,
        exit_price = t.Trade.ExitPrice,
        pnl = t.Trade.Pnl,
        fees = t.Trade.Fees,
        return_pct = Math.Round(t.Trade.ReturnPct, 8),
        exit_reason = t.Trade.ExitReason.ToName(),
    };

    private static object Page(TradePage p) => new { trades = p.Items.Select(Trade), total = p.Total, page = p.Page, page_size = p.PageSize };
}
