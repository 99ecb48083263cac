using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Velocitas.Web.Components.UI;

/// <summary>
/// Lifecycle shared by the chart components: imports the chart module after the first render, creates the
/// chart once, pushes new data in place when parameters change, and destroys the chart with the component.
/// One operation at a time: renders that come while the chart is being created or updated (a live page renders
/// four times a second) are folded into one more pass with the latest parameters, so a chart is never created
/// twice over itself and live points are never appended twice.
/// </summary>
public abstract class ChartBase : ComponentBase, IAsyncDisposable
{
    private IJSObjectReference? _module;
    private int? _handle;
    private object? _renderedConfig;
    private bool _disposed;
    private bool _busy;
    private bool _again;

    /// <summary>JS runtime of the circuit.</summary>
    [Inject] protected IJSRuntime JS { get; set; } = default!;

    /// <summary>Height in pixels.</summary>
    [Parameter] public int Height { get; set; } = 320;

    /// <summary>Charts of the same group share zoom and cross-hair.</summary>
    [Parameter] public string? Group { get; set; }

    /// <summary>Test id of the chart element.</summary>
    [Parameter] public string? TestId { get; set; }

    /// <summary>True while a chart is drawn in the element.</summary>
    protected bool IsDrawn => _handle is not null;

    /// <summary>The element the chart draws into.</summary>
    protected ElementReference Element;

    /// <summary>The chart configuration for the current parameters (kind, data, options).</summary>
    protected abstract object BuildConfig();

    /// <summary>Called after each render: brings the chart up to date, one operation at a time.</summary>
    protected sealed override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed) return;
        if (_busy)
        {
            _again = true;
            return;
        }
        _busy = true;
        try
        {
            do
            {
                _again = false;
                await SyncAsync();
            } while (_again && !_disposed);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Creates the chart, or replaces its data when the configuration changed.</summary>
    protected virtual async Task SyncAsync()
    {
        var config = BuildConfig();
        if (ReferenceEquals(config, _renderedConfig)) return;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./lib/velocitas-charts/velocitas-charts.js");
            if (_handle is null) _handle = await _module.InvokeAsync<int>("create", Element, config);
            else await _module.InvokeVoidAsync("update", _handle, config);
            _renderedConfig = config;
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        catch (JSException)
        {
            // a chart that fails to draw must not take the page down: drop it, the next render creates it again
            _handle = null;
            _renderedConfig = null;
        }
    }

    /// <summary>Appends points to the live chart's series without re-creating it.</summary>
    /// <summary>Calls an exported function of the chart module with this chart's handle first; nothing when not drawn.</summary>
    protected async Task InvokeOnChartAsync(string function, params object?[] args)
    {
        if (_module is null || _handle is null || _disposed) return;
        try
        {
            await _module.InvokeVoidAsync(function, [_handle, .. args]);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    protected async Task AppendAsync(IReadOnlyList<IReadOnlyList<decimal[]>> points, int keep)
    {
        if (_module is null || _handle is null || _disposed) return;
        try
        {
            await _module.InvokeVoidAsync("append", _handle, points, keep);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        catch (JSException)
        {
            // never let a chart take the circuit down: forget it, the next render draws it afresh
            _handle = null;
            _renderedConfig = null;
        }
    }

    /// <summary>Builds the markup: one div the chart renders into.</summary>
    protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "vel-chart");
        builder.AddAttribute(2, "style", $"min-height:{Height}px");
        if (TestId is not null) builder.AddAttribute(3, "data-testid", TestId);
        builder.AddElementReferenceCapture(4, r => Element = r);
        builder.CloseElement();
    }

    /// <summary>Destroys the chart and releases the module.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        GC.SuppressFinalize(this);
        try
        {
            if (_module is not null)
            {
                if (_handle is not null) await _module.InvokeVoidAsync("destroy", _handle);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
