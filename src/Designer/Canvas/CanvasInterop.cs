using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Butler.Designer.Canvas;

/// <summary>
/// Everything the designer needs from JavaScript, behind one disposable class: keeping the browser from acting on the
/// canvas's keyboard shortcuts, and downloading the definition as a file. The diagram library brings its own script.
/// </summary>
public sealed class CanvasInterop(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private ElementReference? _trapped;

    /// <returns>False when the script could not be reached; the shortcuts still work, the browser also acts on them.</returns>
    public async Task<bool> TrapKeysAsync(ElementReference canvas)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./_content/Butler.Designer/designer.js");
            await _module.InvokeVoidAsync("trapKeys", canvas);
            _trapped = canvas;
            return true;
        }
        catch (JSException)
        {
            return false;
        }
    }

    public async Task DownloadAsync(string fileName, string text)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./_content/Butler.Designer/designer.js");
        await _module.InvokeVoidAsync("download", fileName, text);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }
        try
        {
            if (_trapped is { } element)
            {
                await _module.InvokeVoidAsync("releaseKeys", element);
            }
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page's script with it.
        }
    }
}
