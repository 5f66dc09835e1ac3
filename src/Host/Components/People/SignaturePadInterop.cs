using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Butler.Host.Components.People;

/// <summary>
/// The profile page's signature pad in JavaScript (<c>js/signature-pad.js</c>), behind one disposable class: drawing on
/// a canvas with a mouse, pen or finger, clearing it, and reading the drawing back as PNG bytes.
/// </summary>
public sealed class SignaturePadInterop(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private ElementReference? _canvas;

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/signature-pad.js");

    public async Task AttachAsync(ElementReference canvas)
    {
        await (await ModuleAsync()).InvokeVoidAsync("attach", canvas);
        _canvas = canvas;
    }

    public async Task ClearAsync(ElementReference canvas) => await (await ModuleAsync()).InvokeVoidAsync("clear", canvas);

    /// <summary>The drawing as PNG bytes, or null when nothing was drawn.</summary>
    public async Task<byte[]?> PngAsync(ElementReference canvas) =>
        await (await ModuleAsync()).InvokeAsync<string?>("toPng", canvas) is { Length: > 0 } base64 ? Convert.FromBase64String(base64) : null;

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }
        try
        {
            if (_canvas is { } canvas)
            {
                await _module.InvokeVoidAsync("detach", canvas);
            }
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page's script with it.
        }
    }
}
