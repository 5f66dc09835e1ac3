using Butler.Host.Api.Me;

namespace Butler.Host.Components.Tasks;

/// <summary>
/// The reader's 常用意见, read once per circuit: a page with many comment boxes (a hundred approval cards) asks the
/// account store once, and the profile page hands over what it saved.
/// </summary>
public sealed class CircuitPhrases(Profiles profiles)
{
    private (string User, Task<IReadOnlyList<string>> Phrases)? _read;

    public Task<IReadOnlyList<string>> ForAsync(string userName)
    {
        if (_read is not { } read || !string.Equals(read.User, userName, StringComparison.OrdinalIgnoreCase))
        {
            read = (userName, profiles.PhrasesAsync(userName));
            _read = read;
        }
        return read.Phrases;
    }

    /// <summary>The phrases just saved for <paramref name="userName"/>, so the next comment box offers them.</summary>
    public void Saved(string userName, IReadOnlyList<string> phrases) => _read = (userName, Task.FromResult(phrases));
}
