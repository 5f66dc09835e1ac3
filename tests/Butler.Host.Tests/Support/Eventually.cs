namespace Butler.Host.Tests.Support;

/// <summary>Waits for a condition with a deadline, polling briefly, instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {timeout.TotalSeconds:0} s.");
            }
            await Task.Delay(100);
        }
    }
}
