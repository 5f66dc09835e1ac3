using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Butler.Host.Components.Live;

/// <summary>How often live numbers (the bell, the approvals badge) are read again: <c>Butler:Web:LiveRefreshSeconds</c>.</summary>
public sealed class LiveRefreshOptions
{
    public const string Section = "Butler:Web";

    /// <summary>Seconds between two reads; 10 by default, tests set it small.</summary>
    public double LiveRefreshSeconds { get; set; } = 10;

    public TimeSpan Interval => TimeSpan.FromSeconds(LiveRefreshSeconds > 0 ? LiveRefreshSeconds : 10);
}

/// <summary>
/// A component whose numbers follow the database while its page is open: a <see cref="PeriodicTimer"/> inside the circuit
/// calls <see cref="RefreshAsync"/> and re-renders only when it says something changed.
/// It polls the database rather than waiting for an in-process event, so a change made through any host sharing that
/// database shows up; the timer starts only in an interactive circuit (never while prerendering) and stops on disposal.
/// </summary>
public abstract partial class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _polling;
    private bool _disposed;

    [Inject]
    private IOptions<LiveRefreshOptions> LiveOptions { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<LiveComponentBase> Logger { get; set; } = default!;

    /// <summary>Reads the numbers again; true when something the component shows has changed.</summary>
    protected abstract Task<bool> RefreshAsync(CancellationToken ct);

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive && _polling is null && !_disposed)
        {
            _polling = PollAsync(_stop.Token);
        }
        return Task.CompletedTask;
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(LiveOptions.Value.Interval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                bool changed;
                try
                {
                    changed = await RefreshAsync(ct);
                }
#pragma warning disable CA1031 // A failed read (the database restarting) keeps the old numbers; the next tick tries again.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogRefreshFailed(Logger, e, GetType().Name);
                    changed = false;
                }
                if (changed)
                {
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The component went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _stop.CancelAsync();
        if (_polling is not null)
        {
            await _polling;
        }
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the live numbers of {Component} failed; the next tick tries again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception error, string component);
}
