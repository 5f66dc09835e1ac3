namespace Butler.Designer.Canvas;

/// <summary>What was copied in this browser tab; it survives moving between definitions, so a step can be copied across.</summary>
public sealed class DesignerClipboard
{
    public ClipboardContent? Content { get; set; }

    /// <summary>How many times the current content was pasted, so each paste lands a little further down and right.</summary>
    public int Pastes { get; set; }
}
